package dev.keelson.client.internal;

import dev.keelson.client.ClientConfig;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP transport on the JDK's {@link HttpClient}: HTTP/2 over TLS (ALPN, falling back to
 * HTTP/1.1), HTTP/1.1 for plain {@code http}, connections reused across requests, the client
 * certificate from the {@link ClientConfig#sslContext()}. Work runs on virtual threads. Like Go's
 * transport (kubectl, client-go) it asks for gzip on ordinary requests and inflates gzipped answers
 * (kube-apiserver compresses large lists), up to {@value #MAX_INFLATED} bytes.
 */
public final class HttpTransport implements Transport {
  /** The most an answer may inflate to: a bound on what a gzipped body can make us hold. */
  static final long MAX_INFLATED = 1L << 30;

  private final ClientConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final String base;

  public HttpTransport(ClientConfig config) {
    this.config = config;
    boolean tls = config.server().getScheme().equals("https");
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    if (config.sslContext() != null) {
      b.sslContext(config.sslContext());
    }
    this.http = b.build();
    String s = config.server().toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    HttpRequest r = build(request, true);
    try {
      HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      if (res.headers().firstValue("content-encoding").orElse("").equalsIgnoreCase("gzip")) {
        return new TransportResponse(
            res.statusCode(),
            withoutEncoding(res.headers().map()),
            inflate(res.body(), MAX_INFLATED, describe(request)));
      }
      return new TransportResponse(res.statusCode(), res.headers().map(), res.body());
    } catch (IOException e) {
      throw failure(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted: " + describe(request), e);
    }
  }

  @Override
  public TransportStream stream(TransportRequest request) {
    HttpRequest r = build(request, false);
    try {
      HttpResponse<InputStream> res = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
      return new Stream(res);
    } catch (IOException e) {
      throw failure(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("interrupted: " + describe(request), e);
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
    executor.shutdownNow();
  }

  private ConnectionException failure(TransportRequest request, IOException e) {
    return new ConnectionException(
        "cannot reach " + config.server() + " (" + describe(request) + "): " + e, e);
  }

  /**
   * Inflates a gzipped answer, failing on a broken stream or one that inflates past {@code max}.
   */
  static byte[] inflate(byte[] gzipped, long max, String what) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, gzipped.length * 4));
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > max) {
          throw new ConnectionException(
              "the answer to " + what + " inflates to more than " + max + " bytes", null);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new ConnectionException("a broken gzip answer to " + what + ": " + e, e);
    }
  }

  /**
   * The headers of an answer once inflated, by lower-case name: no content-encoding, no length of
   * the gzip.
   */
  private static Map<String, List<String>> withoutEncoding(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new HashMap<>();
    headers.forEach(
        (k, v) -> {
          String name = k.toLowerCase(Locale.ROOT);
          if (!name.equals("content-encoding") && !name.equals("content-length")) {
            out.put(name, v);
          }
        });
    return out;
  }

  private static String describe(TransportRequest request) {
    return request.method() + " " + request.path();
  }

  private HttpRequest build(TransportRequest request, boolean timeout) {
    StringBuilder uri = new StringBuilder(base).append(encodePath(request.path()));
    char sep = '?';
    for (Map.Entry<String, String> q : request.query()) {
      uri.append(sep).append(encodeQuery(q.getKey())).append('=').append(encodeQuery(q.getValue()));
      sep = '&';
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString()));
    if (timeout) {
      b.timeout(config.requestTimeout());
    }
    b.header("accept", "application/json");
    if (timeout
        && request.headers().keySet().stream().noneMatch("accept-encoding"::equalsIgnoreCase)) {
      b.header("accept-encoding", "gzip"); // streams (watches, logs) are read as they come
    }
    b.header("user-agent", config.userAgent());
    String auth = config.credentials().authorization();
    if (auth != null) {
      b.header("authorization", auth);
    }
    request.headers().forEach(b::header);
    b.method(
        request.method(),
        request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    return b.build();
  }

  private static String encodeQuery(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Percent-encodes everything but unreserved characters and {@code /}. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/'
          || c == ':') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static final class Stream implements TransportStream {
    private final HttpResponse<InputStream> response;

    Stream(HttpResponse<InputStream> response) {
      this.response = response;
    }

    @Override
    public int code() {
      return response.statusCode();
    }

    @Override
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public InputStream body() {
      return response.body();
    }

    @Override
    public void close() {
      try {
        response.body().close();
      } catch (IOException e) {
        // closing a cancelled stream: nothing left to release
      }
    }
  }
}
