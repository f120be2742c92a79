package dev.keelson.benchmarks.apiserver;

import dev.keelson.client.tls.TrustEverything;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The one client both servers get: the JDK {@link HttpClient}, HTTP/2 preferred (ALPN over TLS;
 * HTTP/1.1 if the server does not offer h2), trusting any certificate (both servers make their own
 * CA), pre-encoded JSON bodies, responses read as bytes.
 */
final class Http {
  static {
    // Both servers present certificates for their own names; the benchmark measures serving.
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
  }

  private Http() {}

  static HttpClient client() {
    return client(true);
  }

  /**
   * A client for {@code https} ({@code tls}: HTTP/2 preferred) or plain {@code http} (HTTP/1.1:
   * neither server speaks cleartext HTTP/2, so no {@code h2c} upgrade is attempted).
   */
  static HttpClient client(boolean tls) {
    if (!tls) {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_2)
          .sslContext(context)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether requests say {@code Accept-Encoding: gzip}, as Go clients (kubectl, client-go) do on
   * every request; {@code -Dgzip=false} turns it off.
   */
  static final boolean GZIP = !"false".equals(System.getProperty("gzip"));

  static HttpResponse<byte[]> get(HttpClient client, URI uri) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (GZIP) {
      b.header("accept-encoding", "gzip");
    }
    return send(client, b.build());
  }

  static HttpResponse<byte[]> post(HttpClient client, URI uri, byte[] json) throws IOException {
    return send(
        client,
        HttpRequest.newBuilder(uri)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build());
  }

  static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
