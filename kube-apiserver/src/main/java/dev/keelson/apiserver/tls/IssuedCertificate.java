package dev.keelson.apiserver.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {
  /** The certificate in PEM. */
  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /** The private key in PEM (PKCS #8). */
  public String privateKeyPem() {
    return Pem.encode(privateKey);
  }

  /**
   * The private key in PEM as kubeconfig files carry it, Go's {@code keyutil} form: an EC key as
   * SEC1 ({@code BEGIN EC PRIVATE KEY}, with its named curve and public key), anything else as PKCS
   * #8. Clients that guess the key type from the PEM header (fabric8 assumes RSA for {@code BEGIN
   * PRIVATE KEY}) then read it; kubectl reads either.
   */
  public String privateKeyPemForKubeconfig() {
    if (privateKey instanceof java.security.interfaces.ECPrivateKey ec) {
      return Pem.encodeSec1(ec, certificate.getPublicKey());
    }
    return privateKeyPem();
  }
}
