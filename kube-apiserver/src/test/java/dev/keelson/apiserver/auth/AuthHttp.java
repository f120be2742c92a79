package dev.keelson.apiserver.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.tls.IssuedCertificate;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS client for auth tests: trusts the server's CA and presents a client certificate, a
 * bearer token, both or nothing.
 */
final class AuthHttp {
  private final ApiServer server;
  private final HttpClient client;
  private final String token;

  private AuthHttp(ApiServer server, IssuedCertificate cert, String token) throws Exception {
    this.server = server;
    this.token = token;
    SSLContext ssl = SSLContext.getInstance("TLS");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.certificateAuthority().certificate().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (cert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client", cert.privateKey(), new char[0], new Certificate[] {cert.certificate()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    this.client =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_2)
            .build();
  }

  /** No credentials. */
  static AuthHttp anonymous(ApiServer server) throws Exception {
    return new AuthHttp(server, null, null);
  }

  /** A client certificate. */
  static AuthHttp withCertificate(ApiServer server, IssuedCertificate cert) throws Exception {
    return new AuthHttp(server, cert, null);
  }

  /** A bearer token. */
  static AuthHttp withToken(ApiServer server, String token) throws Exception {
    return new AuthHttp(server, null, token);
  }

  /** An answer: status code and body as JSON (missing if not JSON). */
  record Answer(int code, JsonNode json, String body) {
    String text(String pointer) {
      return json.at(pointer).asText();
    }
  }

  Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  Answer send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url().resolve(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.replace('\'', '"')));
    if (json != null) {
      b.header(
          "Content-Type",
          method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node;
    try {
      node = KubeJson.parse(r.body().getBytes(UTF_8));
    } catch (RuntimeException e) {
      node = MissingNode.getInstance();
    }
    return new Answer(r.statusCode(), node, r.body());
  }

  /** The certificate this CA would not vouch for: same subject, another CA. */
  static IssuedCertificate foreignCertificate(String user, java.util.List<String> groups) {
    return dev.keelson.apiserver.tls.CertificateAuthority.generate(
            "other-ca", Duration.ofDays(1), java.time.InstantSource.system())
        .issueClient(user, groups, Duration.ofDays(1));
  }

  static X509Certificate caOf(ApiServer server) {
    return server.certificateAuthority().certificate().certificate();
  }
}
