package dev.keelson.store.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.testing.etcd.EtcdCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd serving clients over TLS with client certificates required (mutual TLS). */
class EtcdTlsIT {
  @TempDir Path dir;

  @Test
  void mutualTlsWithCertificatesFromTheUri() throws Exception {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
    createCertificates();
    try (EtcdCluster etcd =
        EtcdCluster.start(
            1,
            new EtcdCluster.TlsFiles(
                dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key")))) {
      String uri = etcd.storeUri("/tls");
      String tls =
          "&cacert="
              + dir.resolve("ca.pem")
              + "&cert="
              + dir.resolve("client.pem")
              + "&key="
              + dir.resolve("client.key");
      try (Store store = Stores.open(uri + tls)) {
        long r = store.put(bytes("/k"), bytes("v"));
        assertThat(store.get(bytes("/k")).orElseThrow().modRevision()).isEqualTo(r);
      }
      // Without TLS the client speaks plain HTTP/2 to a TLS port: no answer, typed error.
      StoreConfig plain = StoreConfig.builder(uri).requestTimeout(Duration.ofSeconds(2)).build();
      assertThatThrownBy(() -> Stores.open(plain)).isInstanceOf(UnavailableException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void createCertificates() throws Exception {
    Files.writeString(
        dir.resolve("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=keelson-test-ca");
    for (String who : List.of("server", "client")) {
      openssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          who + ".key",
          "-out",
          who + ".csr",
          "-subj",
          "/CN=" + (who.equals("server") ? "localhost" : "root"));
      openssl(
          "x509",
          "-req",
          "-in",
          who + ".csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          who + ".pem",
          "-days",
          "1",
          "-extfile",
          who + ".ext");
    }
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("openssl %s: %s", command, Files.readString(dir.resolve("openssl.log")))
        .isZero();
  }
}
