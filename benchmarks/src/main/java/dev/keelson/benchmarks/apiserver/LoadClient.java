package dev.keelson.benchmarks.apiserver;

import java.io.IOException;
import java.net.URI;

/**
 * The load generator's HTTP client, the same for every server in a run: the JDK {@code HttpClient}
 * ({@link #jdk}) or a lean Netty HTTP/1.1 client ({@link NettyLoadClient}).
 */
interface LoadClient extends AutoCloseable {
  /** The buffer {@link Answer#inflatedLength} inflates through, one per client thread. */
  ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

  /** An answer: status, protocol, the body as sent and its content encoding. */
  record Answer(String request, int status, String protocol, byte[] body, String encoding) {
    /**
     * The body, inflated if the server sent it gzipped (as a Go client does transparently), into an
     * array of the size the gzip trailer gives: growing a buffer instead costs as much CPU as the
     * inflation and leaves megabytes of chunks for the GC to copy.
     */
    byte[] inflated() throws IOException {
      if (!encoding.equals("gzip")) {
        return body;
      }
      long size = trailerSize();
      try (java.util.zip.GZIPInputStream in = gunzip()) {
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
          return in.readAllBytes();
        }
        byte[] out = new byte[(int) size];
        int read = in.readNBytes(out, 0, out.length);
        if (read != out.length || in.read() != -1) {
          throw new IOException(request + ": gzip body does not match its trailer's size " + size);
        }
        return out;
      }
    }

    /**
     * How many bytes the body holds once inflated: a gzipped body is inflated in full, as a client
     * that decodes while it inflates (client-go) reads it, through one reused 64 KiB buffer per
     * thread instead of into an array of the whole list; the gzip stream's CRC and length are
     * checked at its end. A body that is not gzipped is already all there.
     */
    long inflatedLength() throws IOException {
      if (!encoding.equals("gzip")) {
        return body.length;
      }
      byte[] buf = BUFFER.get();
      long total = 0;
      try (java.util.zip.GZIPInputStream in = gunzip()) {
        for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
          total += n;
        }
      }
      return total;
    }

    private java.util.zip.GZIPInputStream gunzip() throws IOException {
      return new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body), 64 * 1024);
    }

    /** The inflated size the gzip trailer gives (modulo 2^32), or -1 if the body is too short. */
    private long trailerSize() {
      int n = body.length;
      return n < 18
          ? -1
          : (body[n - 4] & 0xffL)
              | (body[n - 3] & 0xffL) << 8
              | (body[n - 2] & 0xffL) << 16
              | (body[n - 1] & 0xffL) << 24;
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

  /** DELETEs an object. */
  Answer delete(URI uri) throws IOException;

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

      @Override
      public Answer delete(URI uri) throws IOException {
        return answer(
            Http.send(client, java.net.http.HttpRequest.newBuilder(uri).DELETE().build()));
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
