package dev.keelson.apiserver.auth.authn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Base64;

/**
 * Compact JWS (RFC 7515) with the JDK's {@link Signature}: ES256 for EC P-256 keys (signatures in
 * the JOSE R||S form), RS256 for RSA keys. The key id is the SHA-256 of the public key, as
 * Kubernetes derives it.
 */
public final class Jwt {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private final KeyPair key;
  private final String alg;
  private final String kid;

  public Jwt(KeyPair key) {
    this.key = key;
    if (key.getPublic() instanceof ECKey) {
      alg = "ES256";
    } else if (key.getPublic() instanceof RSAKey) {
      alg = "RS256";
    } else {
      throw new IllegalArgumentException("need an EC P-256 or RSA key: " + key.getPublic());
    }
    try {
      kid =
          ENC.encodeToString(
              MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The algorithm, {@code ES256} or {@code RS256}. */
  public String algorithm() {
    return alg;
  }

  /** Signs the claims. */
  public String sign(ObjectNode claims) {
    ObjectNode header = KubeJson.mapper().createObjectNode();
    header.put("alg", alg);
    header.put("kid", kid);
    String signingInput =
        ENC.encodeToString(KubeJson.encode(header))
            + "."
            + ENC.encodeToString(KubeJson.encode(claims));
    try {
      Signature s = Signature.getInstance(jdkAlgorithm(alg));
      s.initSign(key.getPrivate());
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + ENC.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  /**
   * The claims of a token this key signed.
   *
   * @throws InvalidCredentialsException if it is not a JWS or the signature does not verify
   */
  public ObjectNode verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidCredentialsException("not a JWT");
    }
    try {
      JsonNode header = KubeJson.parse(DEC.decode(parts[0]));
      if (!alg.equals(header.path("alg").asText())) {
        throw new InvalidCredentialsException("unexpected JWT algorithm");
      }
      PublicKey pub = key.getPublic();
      Signature s = Signature.getInstance(jdkAlgorithm(alg));
      s.initVerify(pub);
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(DEC.decode(parts[2]))) {
        throw new InvalidCredentialsException("JWT signature does not verify");
      }
      JsonNode claims = KubeJson.parse(DEC.decode(parts[1]));
      if (!(claims instanceof ObjectNode o)) {
        throw new InvalidCredentialsException("JWT claims are not an object");
      }
      return o;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidCredentialsException("malformed JWT");
    } catch (RuntimeException e) {
      if (e instanceof InvalidCredentialsException ice) {
        throw ice;
      }
      throw new InvalidCredentialsException("malformed JWT");
    }
  }

  /** Whether a token looks like a JWS (three dot-separated parts, a JSON header). */
  public static boolean looksLikeJwt(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    return dots == 2 && token.startsWith("ey");
  }

  private static String jdkAlgorithm(String alg) {
    return alg.equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
  }
}
