package dev.keelson.benchmarks.apiserver;

import java.io.IOException;
import java.net.URI;

/**
 * The load generator's HTTP client, the same for every server in a run: the JDK {@code HttpClient}
 * ({@link #jdk}) or a lean Netty HTTP/1.1 client ({@link NettyLoadClient}).
 */
interface LoadClient extends AutoCloseable {
  /** An answer: status, protocol, the body as sent and its content encoding. */
  record Answer(String request, int status, String protocol, byte[] body, String encoding) {
    /** The body, inflated if the server sent it gzipped (as a Go client does transparently). */
    byte[] inflated() throws IOException {
      if (!encoding.equals("gzip")) {
        return body;
      }
      try (java.util.zip.GZIPInputStream in =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body), 64 * 1024)) {
        return in.readAllBytes();
      }
    }

    /** Fails unless the status is {@code expected}. */
    Answer expect(int expected) {
      if (status != expected) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        throw new IllegalStateException(
            request + " -> " + status + ": " + text.substring(0, Math.min(300, text.length())));
      }
      return this;
    }
  }

  /** POSTs a JSON body. */
  Answer post(URI uri, byte[] json) throws IOException;

  /** GETs, saying {@code Accept-Encoding: gzip} unless {@code -Dgzip=false}. */
  Answer get(URI uri) throws IOException;

  @Override
  void close();

  /** The JDK {@code HttpClient} ({@link Http}). */
  static LoadClient jdk(boolean tls) {
    java.net.http.HttpClient client = Http.client(tls);
    return new LoadClient() {
      @Override
      public Answer post(URI uri, byte[] json) throws IOException {
        return answer(Http.post(client, uri, json));
      }

      @Override
      public Answer get(URI uri) throws IOException {
        return answer(Http.get(client, uri));
      }

      private Answer answer(java.net.http.HttpResponse<byte[]> r) {
        return new Answer(
            r.request().method() + " " + r.uri(),
            r.statusCode(),
            r.version().toString(),
            r.body(),
            r.headers().firstValue("content-encoding").orElse("identity"));
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
