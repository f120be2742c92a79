package dev.keelson.client.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys with the JDK alone: PKCS #8 ({@code BEGIN PRIVATE KEY}, RSA,
 * EC, Ed25519), PKCS #1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY})
 * which are rewrapped as PKCS #8. Encrypted keys are not supported. Errors are {@link
 * IllegalArgumentException}s whose message says what is wrong; callers prefix the field.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pem() {}

  /** One PEM block. */
  record Block(String type, byte[] der) {}

  static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad base64 in PEM block " + m.group(1));
      }
    }
    return out;
  }

  /** Every {@code CERTIFICATE} block; at least one. */
  public static List<X509Certificate> certificates(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(text)) {
        if (b.type().equals("CERTIFICATE")) {
          out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM CERTIFICATE block found");
    }
    return out;
  }

  /** The first private key block. */
  public static PrivateKey privateKey(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    for (Block b : blocks(text)) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(b.der());
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(wrapRsa(b.der()));
        }
        case "EC PRIVATE KEY" -> {
          return pkcs8(wrapEc(b.der()));
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException("encrypted private keys are not supported");
        default -> {
          // EC PARAMETERS and other blocks: skip
        }
      }
    }
    throw new IllegalArgumentException(
        "no PEM private key block found (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("unreadable private key (not RSA, EC or EdDSA PKCS #8)");
  }

  /** PKCS #1 RSAPrivateKey to PKCS #8: {@code SEQ{0, SEQ{rsaEncryption, NULL}, OCTET{pkcs1}}}. */
  static byte[] wrapRsa(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /** SEC1 ECPrivateKey to PKCS #8, taking the curve from the key's {@code [0]} parameters. */
  static byte[] wrapEc(byte[] sec1) {
    Der seq = Der.read(sec1, 0);
    if (seq.tag != 0x30) {
      throw new IllegalArgumentException("EC PRIVATE KEY is not a DER sequence");
    }
    int p = seq.contentStart;
    byte[] curve = null;
    while (p < seq.end) {
      Der field = Der.read(sec1, p);
      if (field.tag == 0xa0) {
        Der oid = Der.read(sec1, field.contentStart);
        curve = java.util.Arrays.copyOfRange(sec1, oid.start, oid.end);
      }
      p = field.end;
    }
    if (curve == null) {
      throw new IllegalArgumentException("EC PRIVATE KEY names no curve (no parameters)");
    }
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A DER element's boundaries. */
  private record Der(int tag, int start, int contentStart, int end) {
    static Der read(byte[] b, int at) {
      if (at + 2 > b.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int tag = b[at] & 0xff;
      int len = b[at + 1] & 0xff;
      int p = at + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || p + n > b.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[p++] & 0xff);
        }
      }
      if (p + len > b.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return new Der(tag, at, p, p + len);
    }
  }
}
