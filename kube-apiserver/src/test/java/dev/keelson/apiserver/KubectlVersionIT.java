package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl reaches the server over TLS with the kubeconfig the server writes. */
class KubectlVersionIT {
  @Test
  void kubectlVersionTrustsTheGeneratedCaAndReadsTheServerVersion(@TempDir Path dir)
      throws Exception {
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0))) {
      Kubectl kubectl = Kubectl.forServer(server, dir);
      assertThat(Files.getPosixFilePermissions(kubectl.kubeconfig()).toString())
          .isEqualTo("[OWNER_READ, OWNER_WRITE]");
      String out = kubectl.ok("version", "-o", "json");
      JsonNode json =
          KubeJson.parse(out.substring(out.indexOf('{')).getBytes(StandardCharsets.UTF_8));
      assertThat(json.at("/serverVersion/gitVersion").asText()).isEqualTo("v1.32.4+keelson");
      assertThat(json.at("/serverVersion/minor").asText()).isEqualTo("32");
    }
  }
}
