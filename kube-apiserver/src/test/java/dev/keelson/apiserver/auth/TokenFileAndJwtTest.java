package dev.keelson.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.auth.authn.Credentials;
import dev.keelson.apiserver.auth.authn.InvalidCredentialsException;
import dev.keelson.apiserver.auth.authn.ServiceAccountTokens;
import dev.keelson.apiserver.auth.authn.TokenFileAuthenticator;
import dev.keelson.apiserver.auth.authn.UserInfo;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The token file's CSV form and service account JWTs. */
class TokenFileAndJwtTest {
  @Test
  void tokenFileLinesNameUserUidAndQuotedGroups() {
    TokenFileAuthenticator a =
        TokenFileAuthenticator.parse("t1,alice,u1,\"g1,g2\"\n# comment\nt2,bob,u2\n");
    UserInfo alice = a.authenticate(new Credentials("t1", List.of())).orElseThrow();
    assertThat(alice.name()).isEqualTo("alice");
    assertThat(alice.uid()).isEqualTo("u1");
    assertThat(alice.groups()).containsExactly("g1", "g2", "system:authenticated");
    assertThat(a.authenticate(new Credentials("t2", List.of())).orElseThrow().groups())
        .containsExactly("system:authenticated");
    assertThat(a.authenticate(new Credentials("t3", List.of()))).isEmpty();
    assertThatThrownBy(() -> TokenFileAuthenticator.parse("secret-token,alice"))
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void credentialsNeverShowTheirToken() {
    assertThat(Credentials.of("Bearer abc.def.ghi", List.of()).toString()).doesNotContain("abc");
  }

  @Test
  void serviceAccountTokensCarryKubernetesClaimsAndExpire() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    for (String alg : List.of("EC", "RSA")) {
      KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
      g.initialize(alg.equals("EC") ? 256 : 2048);
      ServiceAccountTokens tokens =
          new ServiceAccountTokens(
              g.generateKeyPair(), "https://issuer", List.of("https://issuer"), clock);
      JsonNode sa = KubeJson.parse("{\"metadata\":{\"uid\":\"sa-uid\"}}".getBytes());
      tokens.setLookup(
          (r, ns, n) ->
              r.equals("serviceaccounts") && n.equals("robot")
                  ? Optional.of(sa)
                  : Optional.empty());
      String t = tokens.issue("a", "robot", "sa-uid", null, null, List.of(), 600).token();
      JsonNode header = KubeJson.parse(Base64.getUrlDecoder().decode(t.split("\\.")[0]));
      assertThat(header.path("alg").asText()).isEqualTo(alg.equals("EC") ? "ES256" : "RS256");
      JsonNode claims = KubeJson.parse(Base64.getUrlDecoder().decode(t.split("\\.")[1]));
      assertThat(claims.path("sub").asText()).isEqualTo("system:serviceaccount:a:robot");
      assertThat(claims.at("/kubernetes.io/serviceaccount/uid").asText()).isEqualTo("sa-uid");
      assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600);
      UserInfo u = tokens.verify(t);
      assertThat(u.name()).isEqualTo("system:serviceaccount:a:robot");
      assertThat(u.groups())
          .containsExactly(
              "system:serviceaccounts", "system:serviceaccounts:a", "system:authenticated");
      // tampered: another subject with the same signature
      String[] parts = t.split("\\.");
      String forged =
          parts[0]
              + "."
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(
                      new String(Base64.getUrlDecoder().decode(parts[1]))
                          .replace("robot", "admin")
                          .getBytes())
              + "."
              + parts[2];
      assertThatThrownBy(() -> tokens.verify(forged))
          .isInstanceOf(InvalidCredentialsException.class);
      String otherAudience =
          tokens.issue("a", "robot", "sa-uid", null, null, List.of("vault"), 600).token();
      assertThatThrownBy(() -> tokens.verify(otherAudience)).hasMessageContaining("audience");
      String wrongUid = tokens.issue("a", "robot", "old-uid", null, null, List.of(), 600).token();
      assertThatThrownBy(() -> tokens.verify(wrongUid)).hasMessageContaining("uid");
      now.set(now.get().plus(Duration.ofMinutes(12)));
      assertThatThrownBy(() -> tokens.verify(t)).hasMessageContaining("expired");
      now.set(Instant.parse("2026-01-01T00:00:00Z"));
    }
  }

  @Test
  void aGeneratedKeyIsMadeOnceAndSharedByConcurrentIssuers() throws Exception {
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(null, "https://issuer", List.of("https://issuer"), Instant::now);
    JsonNode sa = KubeJson.parse("{\"metadata\":{\"uid\":\"sa-uid\"}}".getBytes());
    tokens.setLookup((r, ns, n) -> Optional.of(sa));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> issued = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        issued.add(
            pool.submit(
                () -> tokens.issue("a", "robot", "sa-uid", null, null, List.of(), 600).token()));
      }
      java.util.Set<String> keyIds = new java.util.HashSet<>();
      for (java.util.concurrent.Future<String> f : issued) {
        String t = f.get();
        keyIds.add(
            KubeJson.parse(Base64.getUrlDecoder().decode(t.split("\\.")[0])).path("kid").asText());
        assertThat(tokens.verify(t).name()).isEqualTo("system:serviceaccount:a:robot");
      }
      assertThat(keyIds).hasSize(1);
      // another instance generates its own key: it does not accept these tokens
      ServiceAccountTokens other =
          new ServiceAccountTokens(null, "https://issuer", List.of("https://issuer"), Instant::now);
      other.setLookup((r, ns, n) -> Optional.of(sa));
      assertThatThrownBy(() -> other.verify(issued.get(0).get()))
          .isInstanceOf(InvalidCredentialsException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anonymousIsUnauthenticated() {
    assertThat(UserInfo.ANONYMOUS_USER.groups()).containsExactly("system:unauthenticated");
    assertThat(UserInfo.authenticated("x", null, List.of(), Map.of()).groups())
        .containsExactly("system:authenticated");
  }
}
