package dev.keelson.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
  private final CertificateAuthority ca =
      CertificateAuthority.generate("test-ca", Duration.ofDays(10), InstantSource.system());

  @Test
  void caIsSelfSignedAndMarkedAsCa() throws Exception {
    X509Certificate cert = ca.certificate().certificate();
    cert.verify(cert.getPublicKey());
    assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=test-ca");
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
  }

  @Test
  void servingCertificateChainsToTheCaAndNamesHostsAndAddresses() throws Exception {
    IssuedCertificate server =
        ca.issueServer(
            "kube-apiserver",
            List.of("localhost", "kubernetes.default"),
            List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
            Duration.ofDays(1));
    X509Certificate cert = server.certificate();
    validate(cert);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(l -> l.get(1).toString())
        .containsExactly("localhost", "kubernetes.default", "127.0.0.1", "0:0:0:0:0:0:0:1");
  }

  @Test
  void clientCertificateCarriesUserAndGroups() throws Exception {
    IssuedCertificate client =
        ca.issueClient("alice", List.of("system:masters", "dev"), Duration.ofDays(1));
    validate(client.certificate());
    assertThat(client.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=alice,O=dev,O=system:masters");
    assertThat(client.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void issuedCertificatesDoNotOutliveTheCa() {
    IssuedCertificate c = ca.issueClient("bob", List.of(), Duration.ofDays(10_000));
    assertThat(c.certificate().getNotAfter())
        .isEqualTo(ca.certificate().certificate().getNotAfter());
  }

  @Test
  void validityStartsFromTheInjectedClock() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    CertificateAuthority fixed =
        CertificateAuthority.generate("c", Duration.ofDays(1), InstantSource.fixed(t));
    assertThat(fixed.certificate().certificate().getNotAfter().toInstant())
        .isEqualTo(t.plus(Duration.ofDays(1)));
  }

  @Test
  void pemRoundTrips() {
    IssuedCertificate c = ca.issueClient("carol", List.of(), Duration.ofDays(1));
    assertThat(Pem.readCertificates(c.certificatePem())).containsExactly(c.certificate());
    assertThat(Pem.readPrivateKey(c.privateKeyPem())).isEqualTo(c.privateKey());
  }

  @Test
  void kubeconfigKeysAreSec1WithTheirCurveAndReadBackAsTheSameKey() {
    IssuedCertificate c = ca.issueClient("dave", List.of(), Duration.ofDays(1));
    String pem = c.privateKeyPemForKubeconfig();
    assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
    java.security.PrivateKey read =
        dev.keelson.client.internal.Pem.privateKey(
            pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(((java.security.interfaces.ECPrivateKey) read).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) c.privateKey()).getS());
  }

  @Test
  void badPemIsAClearError() {
    assertThatThrownBy(() -> Pem.readCertificates("nothing here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no CERTIFICATE block found");
    assertThatThrownBy(
            () ->
                Pem.readCertificates(
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed certificate");
    assertThatThrownBy(
            () ->
                Pem.readPrivateKey(
                    "-----BEGIN EC PRIVATE KEY-----\nAA==\n-----END EC PRIVATE KEY-----"))
        .hasMessageContaining("PKCS #8");
  }

  @Test
  void aLeafCannotActAsCa() {
    IssuedCertificate leaf = ca.issueClient("x", List.of(), Duration.ofDays(1));
    assertThatThrownBy(
            () ->
                CertificateAuthority.of(
                    leaf.certificate(), leaf.privateKey(), InstantSource.system()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void validate(X509Certificate cert) throws Exception {
    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(ca.certificate().certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
  }
}
