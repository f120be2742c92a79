package dev.keelson.apiserver.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority that issues the cluster's certificates: the API server's serving
 * certificate and client certificates (the common name is the user, the organizations are its
 * groups, as Kubernetes reads them). Keys are ECDSA P-256, signatures SHA-256.
 *
 * <p>Certificates are written with the JDK alone (no extra library): the DER encoding is done here,
 * the signing by {@link Signature}, and the result is parsed back by the JDK's {@link
 * CertificateFactory}, which checks it is well formed.
 */
public final class CertificateAuthority {
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IssuedCertificate ca;
  private final InstantSource clock;

  private CertificateAuthority(IssuedCertificate ca, InstantSource clock) {
    this.ca = ca;
    this.clock = clock;
  }

  /** A new self-signed CA valid for {@code validity} from now. */
  public static CertificateAuthority generate(
      String commonName, Duration validity, InstantSource clock) {
    KeyPair keys = newKeyPair();
    byte[] keyId = keyIdentifier(keys.getPublic());
    List<byte[]> extensions =
        List.of(
            extension("2.5.29.19", true, Der.sequence(Der.bool(true))), // basicConstraints CA
            // keyUsage: digitalSignature, keyCertSign, cRLSign
            extension("2.5.29.15", true, Der.namedBits(0x80 | 0x04 | 0x02)),
            extension("2.5.29.14", false, Der.octetString(keyId)));
    Instant now = clock.instant();
    X509Certificate cert =
        sign(
            name(commonName, List.of()),
            name(commonName, List.of()),
            keys.getPublic(),
            keys.getPrivate(),
            now.minus(Duration.ofMinutes(5)),
            now.plus(validity),
            extensions);
    return new CertificateAuthority(new IssuedCertificate(cert, keys.getPrivate()), clock);
  }

  /** A CA from an existing certificate and key (for example loaded with {@link Pem}). */
  public static CertificateAuthority of(
      X509Certificate certificate, PrivateKey key, InstantSource clock) {
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "not a CA certificate: " + certificate.getSubjectX500Principal());
    }
    return new CertificateAuthority(new IssuedCertificate(certificate, key), clock);
  }

  /** The CA's own certificate and key. */
  public IssuedCertificate certificate() {
    return ca;
  }

  /** A serving certificate for the given host names and addresses (subject alternative names). */
  public IssuedCertificate issueServer(
      String commonName, List<String> dnsNames, List<InetAddress> addresses, Duration validity) {
    List<byte[]> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(Der.context(2, false, dns.getBytes(StandardCharsets.US_ASCII)));
    }
    for (InetAddress a : addresses) {
      names.add(Der.context(7, false, a.getAddress()));
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a serving certificate needs at least one name");
    }
    return issue(
        name(commonName, List.of()),
        List.of(
            extension("2.5.29.17", false, Der.sequence(names.toArray(byte[][]::new))),
            extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1")))),
        validity);
  }

  /** A client certificate: {@code user} as common name, {@code groups} as organizations. */
  public IssuedCertificate issueClient(String user, List<String> groups, Duration validity) {
    return issue(
        name(user, groups),
        List.of(extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.2")))),
        validity);
  }

  private IssuedCertificate issue(byte[] subject, List<byte[]> extra, Duration validity) {
    KeyPair keys = newKeyPair();
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(extension("2.5.29.19", true, Der.sequence()));
    // keyUsage: digitalSignature, keyEncipherment
    extensions.add(extension("2.5.29.15", true, Der.namedBits(0x80 | 0x20)));
    extensions.add(
        extension(
            "2.5.29.35",
            false,
            Der.sequence(Der.context(0, false, keyIdentifier(ca.certificate().getPublicKey())))));
    extensions.addAll(extra);
    Instant now = clock.instant();
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
      notAfter = ca.certificate().getNotAfter().toInstant();
    }
    byte[] issuer = ca.certificate().getSubjectX500Principal().getEncoded();
    X509Certificate cert =
        sign(
            issuer,
            subject,
            keys.getPublic(),
            ca.privateKey(),
            now.minus(Duration.ofMinutes(5)),
            notAfter,
            extensions);
    return new IssuedCertificate(cert, keys.getPrivate());
  }

  private static X509Certificate sign(
      byte[] issuer,
      byte[] subject,
      PublicKey subjectKey,
      PrivateKey signingKey,
      Instant notBefore,
      Instant notAfter,
      List<byte[]> extensions) {
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] serial = new byte[16];
    RANDOM.nextBytes(serial);
    serial[0] &= 0x7f; // positive
    byte[] tbs =
        Der.sequence(
            Der.context(0, true, Der.integer(2)), // v3
            Der.integer(new BigInteger(1, serial)),
            algorithm,
            issuer,
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            subject,
            subjectKey.getEncoded(),
            Der.context(3, true, Der.sequence(extensions.toArray(byte[][]::new))));
    try {
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
      signer.initSign(signingKey);
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate", e);
    }
  }

  private static byte[] name(String commonName, List<String> organizations) {
    Objects.requireNonNull(commonName, "commonName");
    List<byte[]> rdns = new ArrayList<>();
    for (String o : organizations) {
      rdns.add(Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8(o))));
    }
    rdns.add(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    return Der.sequence(rdns.toArray(byte[][]::new));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** RFC 5280 method 1: SHA-1 of the subject public key bits. */
  private static byte[] keyIdentifier(PublicKey key) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(Der.subjectPublicKeyBits(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
