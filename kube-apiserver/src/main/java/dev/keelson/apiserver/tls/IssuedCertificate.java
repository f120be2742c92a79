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
}
