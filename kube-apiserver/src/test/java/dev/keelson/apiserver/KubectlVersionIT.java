package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl reaches the server over TLS with the kubeconfig the server writes. */
class KubectlVersionIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @Test
  void kubectlVersionTrustsTheGeneratedCaAndReadsTheServerVersion(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0))) {
      Path kubeconfig = dir.resolve("kubeconfig");
      server.adminKubeconfig("keelson").write(kubeconfig);
      assertThat(Files.getPosixFilePermissions(kubeconfig).toString())
          .isEqualTo("[OWNER_READ, OWNER_WRITE]");

      Process p =
          new ProcessBuilder(
                  List.of(
                      KUBECTL.toString(),
                      "--kubeconfig",
                      kubeconfig.toString(),
                      "--cache-dir",
                      dir.resolve("cache").toString(),
                      "version",
                      "-o",
                      "json"))
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      JsonNode json =
          KubeJson.parse(out.substring(out.indexOf('{')).getBytes(StandardCharsets.UTF_8));
      assertThat(json.at("/serverVersion/gitVersion").asText()).isEqualTo("v1.32.4+keelson");
      assertThat(json.at("/serverVersion/minor").asText()).isEqualTo("32");
    }
  }
}
