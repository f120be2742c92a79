package dev.keelson.apiserver;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CA (and its admin and kubelet-client certificates) that servers started without one share
 * within a JVM. Generating a CA per server cost more than the rest of a warm start; a test kit
 * starts a server per test. The admin and kubelet client certificates are issued on first use. Only
 * for the system clock: a server with its own clock gets its own CA, valid from that clock's now.
 * Each server still gets its own serving certificate.
 */
record GeneratedCa(
    CertificateAuthority ca,
    Supplier<IssuedCertificate> admin,
    Supplier<IssuedCertificate> kubeletClient) {
  private static volatile GeneratedCa shared;

  /** The JVM's shared CA for servers on the system clock, else {@code null}. */
  static GeneratedCa forClock(InstantSource clock) {
    if (!clock.equals(InstantSource.system())) {
      return null;
    }
    GeneratedCa s = shared;
    if (s == null) {
      synchronized (GeneratedCa.class) {
        s = shared;
        if (s == null) {
          CertificateAuthority ca =
              CertificateAuthority.generate("keelson-ca", Duration.ofDays(3650), clock);
          s =
              new GeneratedCa(
                  ca,
                  new LazyCertificate(
                      () ->
                          ca.issueClient(
                              ApiServer.ADMIN_USER,
                              List.of("system:masters"),
                              Duration.ofDays(365))),
                  new LazyCertificate(
                      () ->
                          ca.issueClient(
                              ApiServer.KUBELET_CLIENT_USER,
                              List.of("system:masters"),
                              Duration.ofDays(365))));
          shared = s;
        }
      }
    }
    return s;
  }
}
