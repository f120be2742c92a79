package dev.keelson.apiserver.auth.authn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies service account tokens: JWTs with Kubernetes' claims ({@code iss}, {@code
 * aud}, {@code sub = system:serviceaccount:<ns>:<name>}, {@code kubernetes.io} with the namespace,
 * the service account and the bound pod, {@code exp}, {@code nbf}, {@code iat}, {@code jti}).
 * Verification checks the signature, issuer, audience and times, and that the service account (and
 * the bound pod) still exist with the same uid.
 */
public final class ServiceAccountTokens {
  /** The prefix of service account user names. */
  public static final String USER_PREFIX = "system:serviceaccount:";

  /** Tolerated clock skew for {@code nbf} and {@code exp}. */
  private static final long LEEWAY_SECONDS = 60;

  /** The signer; {@code null} until first used when the key is generated (see {@link #jwt()}). */
  private volatile Jwt jwt;

  private final String issuer;
  private final List<String> audiences;
  private final InstantSource clock;
  private volatile ObjectLookup lookup = (r, ns, n) -> Optional.empty();

  /** How many verified signatures are remembered (then the memory starts over). */
  private static final int VERIFIED_CACHE = 4096;

  /**
   * Claims of tokens whose signature verified, by the token's SHA-256: the signature check is the
   * expensive part and its answer never changes; times, audience and the account are still checked
   * on every request.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, ObjectNode> verified =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ServiceAccountTokens(
      KeyPair key, String issuer, List<String> audiences, InstantSource clock) {
    // A generated key is made on the first token issued or checked, not at every server start.
    this.jwt = key == null ? null : new Jwt(key);
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.clock = clock;
  }

  /** Where verification reads service accounts and pods (the server sets it once at start). */
  public void setLookup(ObjectLookup lookup) {
    this.lookup = lookup;
  }

  /** The clock tokens are issued and checked by. */
  public InstantSource clock() {
    return clock;
  }

  /** The audiences tokens get when the request names none. */
  public List<String> defaultAudiences() {
    return audiences;
  }

  /** A token and when it expires. */
  public record Issued(String token, Instant expires) {
    @Override
    public String toString() {
      return "Issued[token=<redacted>, expires=" + expires + "]";
    }
  }

  /**
   * A token for a service account, optionally bound to a pod.
   *
   * @param pod the bound pod's name and uid, or {@code null}
   */
  public Issued issue(
      String namespace,
      String name,
      String uid,
      String podName,
      String podUid,
      List<String> audiences,
      long expirationSeconds) {
    Instant now = clock.instant();
    Instant exp = now.plusSeconds(expirationSeconds);
    ObjectNode c = KubeJson.mapper().createObjectNode();
    ArrayNode aud = c.putArray("aud");
    (audiences.isEmpty() ? this.audiences : audiences).forEach(aud::add);
    c.put("exp", exp.getEpochSecond());
    c.put("iat", now.getEpochSecond());
    c.put("iss", issuer);
    c.put("jti", UUID.randomUUID().toString());
    ObjectNode k = c.putObject("kubernetes.io");
    k.put("namespace", namespace);
    if (podName != null) {
      ObjectNode p = k.putObject("pod");
      p.put("name", podName);
      p.put("uid", podUid);
    }
    ObjectNode sa = k.putObject("serviceaccount");
    sa.put("name", name);
    sa.put("uid", uid);
    c.put("nbf", now.getEpochSecond());
    c.put("sub", USER_PREFIX + namespace + ":" + name);
    return new Issued(jwt().sign(c), exp);
  }

  /**
   * The user of a token this server issued.
   *
   * @throws InvalidCredentialsException if it is not valid (any reason; the token is never in the
   *     message)
   */
  public UserInfo verify(String token) {
    String digest = TokenFileAuthenticator.digest(token);
    ObjectNode c = verified.get(digest);
    if (c == null) {
      c = jwt().verify(token);
      if (verified.size() >= VERIFIED_CACHE) {
        verified.clear();
      }
      verified.put(digest, c);
    }
    if (!issuer.equals(c.path("iss").asText())) {
      throw new InvalidCredentialsException("service account token: wrong issuer");
    }
    List<String> aud = new ArrayList<>();
    JsonNode a = c.path("aud");
    if (a.isArray()) {
      a.forEach(x -> aud.add(x.asText()));
    } else if (a.isTextual()) {
      aud.add(a.asText());
    }
    if (aud.stream().noneMatch(audiences::contains)) {
      throw new InvalidCredentialsException("service account token: audience not accepted");
    }
    long now = clock.instant().getEpochSecond();
    if (!c.path("exp").canConvertToLong() || c.path("exp").asLong() + LEEWAY_SECONDS < now) {
      throw new InvalidCredentialsException("service account token: expired");
    }
    if (c.has("nbf") && c.path("nbf").asLong() - LEEWAY_SECONDS > now) {
      throw new InvalidCredentialsException("service account token: not yet valid");
    }
    JsonNode k = c.path("kubernetes.io");
    String ns = k.path("namespace").asText("");
    String name = k.path("serviceaccount").path("name").asText("");
    String uid = k.path("serviceaccount").path("uid").asText("");
    if (ns.isEmpty()
        || name.isEmpty()
        || !c.path("sub").asText().equals(USER_PREFIX + ns + ":" + name)) {
      throw new InvalidCredentialsException("service account token: bad subject");
    }
    JsonNode sa =
        lookup
            .get("serviceaccounts", ns, name)
            .orElseThrow(
                () -> new InvalidCredentialsException("service account token: account is gone"));
    if (!uid.equals(sa.path("metadata").path("uid").asText())) {
      throw new InvalidCredentialsException("service account token: account uid changed");
    }
    Map<String, List<String>> extra = new HashMap<>();
    JsonNode pod = k.path("pod");
    if (pod.isObject()) {
      String podName = pod.path("name").asText();
      JsonNode p =
          lookup
              .get("pods", ns, podName)
              .orElseThrow(
                  () ->
                      new InvalidCredentialsException("service account token: bound pod is gone"));
      JsonNode pm = p.path("metadata");
      if (!pod.path("uid").asText().equals(pm.path("uid").asText())
          || pm.hasNonNull("deletionTimestamp")) {
        throw new InvalidCredentialsException("service account token: bound pod changed");
      }
      extra.put("authentication.kubernetes.io/pod-name", List.of(podName));
      extra.put("authentication.kubernetes.io/pod-uid", List.of(pod.path("uid").asText()));
    }
    if (c.hasNonNull("jti")) {
      extra.put(
          "authentication.kubernetes.io/credential-id", List.of("JTI=" + c.path("jti").asText()));
    }
    return UserInfo.authenticated(
        USER_PREFIX + ns + ":" + name,
        uid,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + ns),
        extra);
  }

  /** The signer, generating its P-256 key on first use (once: concurrent callers share it). */
  private Jwt jwt() {
    Jwt j = jwt;
    if (j == null) {
      synchronized (this) {
        j = jwt;
        if (j == null) {
          j = new Jwt(generateKey());
          jwt = j;
        }
      }
    }
    return j;
  }

  private static KeyPair generateKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
