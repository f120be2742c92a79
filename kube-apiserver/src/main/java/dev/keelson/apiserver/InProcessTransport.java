package dev.keelson.apiserver;

import dev.keelson.apiserver.http.LocalResponse;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.http.RequestRunner;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.spi.Transport;
import dev.keelson.client.spi.TransportRequest;
import dev.keelson.client.spi.TransportResponse;
import dev.keelson.client.spi.TransportStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * kube-client's {@link Transport} straight into an {@link ApiServer}'s handlers: no socket, no TLS,
 * no HTTP encoding. A request is handed to the same {@link RequestRunner} the network listener
 * uses, so it passes the same routing, in-flight limit, body limit, admission, validation,
 * defaulting, metrics and error {@code Status} answers; only the bytes on the wire are skipped.
 * Watches stream through a bounded in-memory pipe.
 *
 * <p>Requests carry no credentials: like kube-apiserver's loopback client, an in-process caller is
 * trusted. Closing the transport ends its open streams; requests after that, or after the server
 * closed, fail with a {@link ConnectionException}.
 */
public final class InProcessTransport implements Transport {
  /** The protocol an in-process {@link Request} reports. */
  public static final String PROTOCOL = "in-process";

  private static final String USER_AGENT = "keelson-in-process";

  private final RequestRunner runner;
  private final Duration requestTimeout;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  InProcessTransport(RequestRunner runner, Duration requestTimeout) {
    this.runner = runner;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public TransportResponse send(TransportRequest request) {
    LocalResponse answer = answer(request);
    try {
      // A streamed answer to send() (a watch asked for whole) is read to its end, as over HTTP.
      byte[] body = answer.bytes();
      return new TransportResponse(answer.code(), headers(answer), body);
    } catch (IOException e) {
      throw new ConnectionException("in-process " + describe(request) + " broke off: " + e, e);
    } finally {
      answer.close();
    }
  }

  @Override
  public TransportStream stream(TransportRequest request) {
    LocalResponse answer = answer(request);
    Stream s = new Stream(answer);
    open.add(s);
    if (closed.get()) { // closed while the request ran
      s.close();
    }
    return s;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (Stream s : List.copyOf(open)) {
        s.close();
      }
    }
  }

  private LocalResponse answer(TransportRequest request) {
    if (closed.get()) {
      throw new ConnectionException("in-process transport closed: " + describe(request), null);
    }
    if (runner.isShutDown()) {
      throw new ConnectionException("the API server is closed: " + describe(request), null);
    }
    CompletableFuture<LocalResponse> f = runner.dispatch(toRequest(request));
    try {
      return f.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.thenAccept(LocalResponse::close); // an answer that comes later is dropped
      throw new ConnectionException(
          "no answer within " + requestTimeout + ": " + describe(request), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.thenAccept(LocalResponse::close);
      throw new ConnectionException("interrupted: " + describe(request), e);
    } catch (ExecutionException e) {
      throw new ConnectionException(describe(request) + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static Request toRequest(TransportRequest r) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : r.query()) {
      query.computeIfAbsent(q.getKey(), k -> new ArrayList<>()).add(q.getValue());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("accept", List.of("application/json"));
    headers.put("user-agent", List.of(USER_AGENT));
    r.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    return new Request(
        r.method().toUpperCase(Locale.ROOT), r.path(), query, headers, r.body(), PROTOCOL, null);
  }

  private static Map<String, List<String>> headers(LocalResponse answer) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    answer.headers().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    return out;
  }

  private static String describe(TransportRequest request) {
    return request.method() + " " + request.path();
  }

  private final class Stream implements TransportStream {
    private final LocalResponse answer;
    private final Map<String, List<String>> headers;

    Stream(LocalResponse answer) {
      this.answer = answer;
      this.headers = headers(answer);
    }

    @Override
    public int code() {
      return answer.code();
    }

    @Override
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public InputStream body() {
      return answer.body();
    }

    @Override
    public void close() {
      answer.close();
      open.remove(this);
    }
  }
}
