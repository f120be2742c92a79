package dev.keelson.apiserver;

import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.apiserver.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig with one cluster, one user and one context, as {@code kubectl} reads it.
 *
 * @param server the API server's URL, for example {@code https://127.0.0.1:6443}
 * @param certificateAuthority the CA that signed the serving certificate ({@code null}: plain HTTP)
 * @param client the user's client certificate, or {@code null}
 * @param token a bearer token, or {@code null}
 */
public record Kubeconfig(
    String name,
    URI server,
    X509Certificate certificateAuthority,
    IssuedCertificate client,
    String token) {

  /** The kubeconfig as YAML. */
  public String toYaml() {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", server.toString());
    if (certificateAuthority != null) {
      cluster.put("certificate-authority-data", base64(Pem.encode(certificateAuthority)));
    }
    Map<String, Object> user = new LinkedHashMap<>();
    if (client != null) {
      user.put("client-certificate-data", base64(client.certificatePem()));
      user.put("client-key-data", base64(client.privateKeyPemForKubeconfig()));
    }
    if (token != null) {
      user.put("token", token);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put("clusters", List.of(Map.of("name", name, "cluster", cluster)));
    doc.put("users", List.of(Map.of("name", name, "user", user)));
    doc.put(
        "contexts",
        List.of(Map.of("name", name, "context", Map.of("cluster", name, "user", name))));
    doc.put("current-context", name);
    doc.put("preferences", Map.of());
    return KubeJson.encodeToYaml(doc);
  }

  /**
   * Writes the kubeconfig atomically, readable by the owner only (it holds a private key).
   *
   * @throws IOException if the file cannot be written
   */
  public void write(Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the platform's defaults apply
      }
      Files.writeString(tmp, toYaml(), StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
