package dev.keelson.apiserver.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM encoding of certificates and PKCS #8 private keys. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  public static String encode(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String encode(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  /** The OID of NIST P-256 (secp256r1, prime256v1), the curve of every key Keelson makes. */
  private static final String P256 = "1.2.840.10045.3.1.7";

  /**
   * A P-256 private key as SEC1 ({@code BEGIN EC PRIVATE KEY}, RFC 5915): version 1, the scalar,
   * the named curve and the public key.
   *
   * @throws IllegalArgumentException for a key on another curve
   */
  public static String encodeSec1(
      java.security.interfaces.ECPrivateKey key, java.security.PublicKey publicKey) {
    if (key.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("only P-256 keys are written as SEC1");
    }
    byte[] s = key.getS().toByteArray();
    byte[] scalar = new byte[32];
    int n = Math.min(s.length, 32);
    System.arraycopy(s, s.length - n, scalar, 32 - n, n);
    byte[] der =
        Der.sequence(
            Der.integer(1),
            Der.octetString(scalar),
            Der.context(0, true, Der.oid(P256)),
            Der.context(1, true, Der.bitString(Der.subjectPublicKeyBits(publicKey.getEncoded()))));
    return block("EC PRIVATE KEY", der);
  }

  /**
   * Reads every certificate in a PEM text.
   *
   * @throws IllegalArgumentException if there is none or one is malformed
   */
  public static List<X509Certificate> readCertificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks(pem, "CERTIFICATE")) {
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("malformed certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block found");
    }
    return out;
  }

  /**
   * Reads a PKCS #8 private key ({@code BEGIN PRIVATE KEY}), EC or RSA.
   *
   * @throws IllegalArgumentException if there is none, it is in another format, or malformed
   */
  public static PrivateKey readPrivateKey(String pem) {
    List<byte[]> keys = blocks(pem, "PRIVATE KEY");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "no PRIVATE KEY (PKCS #8) block found; convert other formats with"
              + " 'openssl pkcs8 -topk8 -nocrypt'");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("unsupported or malformed private key");
  }

  private static List<byte[]> blocks(String pem, String type) {
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        try {
          out.add(Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("malformed base64 in " + type + " block", e);
        }
      }
    }
    return out;
  }

  private static String block(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
