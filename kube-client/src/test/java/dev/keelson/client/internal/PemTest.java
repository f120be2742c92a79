package dev.keelson.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PemTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PemTest.class.getResourceAsStream("/kubeconfig/" + name)) {
      return in.readAllBytes();
    }
  }

  /** The key signs what the certificate's public key verifies: proof the key was read right. */
  private static void assertPair(PrivateKey key, X509Certificate cert, String alg)
      throws Exception {
    byte[] data = "keelson".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance(alg);
    s.initSign(key);
    s.update(data);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(cert.getPublicKey());
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
  }

  @Test
  void readsSec1EcPrivateKeyWithTheJdkAlone() throws Exception {
    PrivateKey key = Pem.privateKey(resource("ec-sec1.key"));
    assertThat(key.getAlgorithm()).isEqualTo("EC");
    assertPair(key, Pem.certificates(resource("ec.crt")).get(0), "SHA256withECDSA");
  }

  @Test
  void readsPkcs8EcPrivateKey() throws Exception {
    PrivateKey key = Pem.privateKey(resource("ec-pkcs8.key"));
    assertPair(key, Pem.certificates(resource("ec.crt")).get(0), "SHA256withECDSA");
  }

  @Test
  void readsPkcs1RsaPrivateKeyWithTheJdkAlone() throws Exception {
    PrivateKey key = Pem.privateKey(resource("rsa-pkcs1.key"));
    assertThat(key.getAlgorithm()).isEqualTo("RSA");
    assertPair(key, Pem.certificates(resource("rsa.crt")).get(0), "SHA256withRSA");
  }

  @Test
  void textWithoutAKeyIsAClearError() throws Exception {
    assertThatThrownBy(() -> Pem.privateKey(resource("ec.crt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PEM private key block");
    assertThatThrownBy(() -> Pem.certificates(resource("ec-sec1.key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PEM CERTIFICATE block");
  }
}
