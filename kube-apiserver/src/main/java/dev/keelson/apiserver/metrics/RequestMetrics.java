package dev.keelson.apiserver.metrics;

import dev.keelson.api.errors.ApiException;
import dev.keelson.apiserver.http.Exchange;
import dev.keelson.apiserver.http.HttpHandler;
import dev.keelson.apiserver.http.Request;
import dev.keelson.apiserver.http.ResponseStream;
import dev.keelson.apiserver.rest.ApiPath;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Request counts, latencies and long-running requests, exposed at {@code /metrics} in Prometheus'
 * text format under kube-apiserver's names: {@code apiserver_request_total}, {@code
 * apiserver_request_duration_seconds} (a histogram), {@code apiserver_longrunning_requests}, {@code
 * apiserver_registered_watchers} and, with {@link StoreMetrics}, {@code
 * etcd_request_duration_seconds}. Thread-safe; recording is lock-free.
 */
public final class RequestMetrics {
  /** Upper bounds of the latency buckets, in seconds (a subset of kube-apiserver's). */
  static final double[] BUCKETS = {0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  /** What a request is counted under. */
  record Key(String verb, String group, String resource, String subresource) {}

  private record CodeKey(Key key, int code) {}

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final AtomicLong sumNanos = new AtomicLong();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
        }
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }
  }

  private final Map<CodeKey, LongAdder> totals = new ConcurrentHashMap<>();
  private final Map<Key, Histogram> durations = new ConcurrentHashMap<>();
  private final Map<Key, AtomicLong> longRunning = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watchers = new ConcurrentHashMap<>();
  private final StoreMetrics store;
  private final Function<ApiPath, String> kindOf;

  /** Request metrics only (no store latency; watchers labelled by resource). */
  public RequestMetrics() {
    this(null, ApiPath::resource);
  }

  /**
   * Request metrics with the store's latency ({@code etcd_request_duration_seconds}) and the
   * registered watchers by group, version and kind ({@code apiserver_registered_watchers}).
   *
   * @param store the store's metrics, rendered with these; or null
   * @param kindOf the kind of a resource path (for the watchers' labels)
   */
  public RequestMetrics(StoreMetrics store, Function<ApiPath, String> kindOf) {
    this.store = store;
    this.kindOf = kindOf;
  }

  /** {@code handler}, measured: every request is counted with its answer's code. */
  public HttpHandler measure(HttpHandler handler) {
    return exchange -> {
      Key key = key(exchange.request());
      long start = System.nanoTime();
      Measured measured = new Measured(exchange, key, start);
      int code = 500;
      try {
        handler.handle(measured);
        code = measured.code;
      } catch (ApiException e) {
        code = e.code();
        throw e;
      } finally {
        if (measured.streaming) {
          longRunning.get(key).decrementAndGet();
          if (measured.watcher != null) {
            watchers.get(measured.watcher).decrementAndGet();
          }
        }
        if (!measured.counted) {
          count(key, code, !measured.streaming, start);
        }
      }
    };
  }

  /** Counts a request and, if {@code timed}, observes its duration since {@code start}. */
  private void count(Key key, int code, boolean timed, long start) {
    if (timed) {
      durations.computeIfAbsent(key, k -> new Histogram()).observe(System.nanoTime() - start);
    }
    totals.computeIfAbsent(new CodeKey(key, code), k -> new LongAdder()).increment();
  }

  /** The metrics in Prometheus' text exposition format (version 0.0.4). */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        "# HELP apiserver_request_total Counter of apiserver requests by verb, resource and code.\n");
    out.append("# TYPE apiserver_request_total counter\n");
    new TreeMap<>(labelled(totals))
        .forEach(
            (labels, v) ->
                out.append("apiserver_request_total{")
                    .append(labels)
                    .append("} ")
                    .append(v)
                    .append('\n'));
    out.append(
        "# HELP apiserver_request_duration_seconds Response latency by verb and resource.\n");
    out.append("# TYPE apiserver_request_duration_seconds histogram\n");
    Map<String, Histogram> sorted = new TreeMap<>();
    durations.forEach((k, h) -> sorted.put(labels(k), h));
    sorted.forEach(
        (labels, h) -> {
          for (int i = 0; i < BUCKETS.length; i++) {
            out.append("apiserver_request_duration_seconds_bucket{")
                .append(labels)
                .append(",le=\"")
                .append(BUCKETS[i])
                .append("\"} ")
                .append(h.buckets[i].sum())
                .append('\n');
          }
          long count = h.count.sum();
          out.append("apiserver_request_duration_seconds_bucket{")
              .append(labels)
              .append(",le=\"+Inf\"} ")
              .append(count)
              .append('\n');
          out.append("apiserver_request_duration_seconds_sum{")
              .append(labels)
              .append("} ")
              .append(h.sumNanos.get() / 1e9)
              .append('\n');
          out.append("apiserver_request_duration_seconds_count{")
              .append(labels)
              .append("} ")
              .append(count)
              .append('\n');
        });
    out.append(
        "# HELP apiserver_longrunning_requests Gauge of long-running requests (watches, streams).\n");
    out.append("# TYPE apiserver_longrunning_requests gauge\n");
    Map<String, Long> running = new TreeMap<>();
    longRunning.forEach((k, v) -> running.put(labels(k), v.get()));
    running.forEach(
        (labels, v) ->
            out.append("apiserver_longrunning_requests{")
                .append(labels)
                .append("} ")
                .append(v)
                .append('\n'));
    out.append(
        "# HELP apiserver_registered_watchers Number of currently registered watchers for a given"
            + " resources\n");
    out.append("# TYPE apiserver_registered_watchers gauge\n");
    new TreeMap<>(watchers)
        .forEach(
            (labels, v) ->
                out.append("apiserver_registered_watchers{")
                    .append(labels)
                    .append("} ")
                    .append(v.get())
                    .append('\n'));
    if (store != null) {
      store.render(out);
    }
    return out.toString();
  }

  private static Map<String, Long> labelled(Map<CodeKey, LongAdder> totals) {
    Map<String, Long> out = new TreeMap<>();
    totals.forEach((k, v) -> out.put(labels(k.key()) + ",code=\"" + k.code() + "\"", v.sum()));
    return out;
  }

  private static String labels(Key k) {
    return "verb=\""
        + k.verb()
        + "\",group=\""
        + k.group()
        + "\",resource=\""
        + k.resource()
        + "\",subresource=\""
        + k.subresource()
        + "\"";
  }

  /** kube-apiserver's verbs: LIST and WATCH for collection GETs, the HTTP method otherwise. */
  static Key key(Request r) {
    ApiPath path = ApiPath.parse(r.path());
    if (path == null || path.resource() == null) {
      return new Key(r.method(), "", "", "");
    }
    String verb = r.method();
    if (verb.equals("GET") && path.name() == null) {
      String w = r.param("watch");
      verb = "true".equals(w) || "1".equals(w) ? "WATCH" : "LIST";
    } else if (verb.equals("DELETE") && path.name() == null) {
      verb = "DELETECOLLECTION";
    }
    return new Key(
        verb, path.group(), path.resource(), path.subresource() == null ? "" : path.subresource());
  }

  /** Records the code a handler answers with, and when it turns long-running. */
  private final class Measured implements Exchange {
    private final Exchange delegate;
    private final Key key;
    private final long start;
    int code = 500;
    boolean streaming;
    boolean counted;
    String watcher;

    Measured(Exchange delegate, Key key, long start) {
      this.delegate = delegate;
      this.key = key;
      this.start = start;
    }

    @Override
    public Request request() {
      return delegate.request();
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
      code = status;
      // Counted before the answer leaves: a client that has its answer finds it in /metrics.
      counted = true;
      count(key, status, true, start);
      delegate.respond(status, headers, body);
    }

    @Override
    public boolean gzips(long bodyBytes) {
      return delegate.gzips(bodyBytes);
    }

    @Override
    public ResponseStream stream(int status, Map<String, String> headers) {
      code = status;
      streaming = true;
      longRunning.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
      if (key.verb().equals("WATCH")) {
        ApiPath path = ApiPath.parse(delegate.request().path());
        watcher =
            "group=\""
                + path.group()
                + "\",version=\""
                + path.version()
                + "\",kind=\""
                + kindOf.apply(path)
                + "\"";
        watchers.computeIfAbsent(watcher, k -> new AtomicLong()).incrementAndGet();
      }
      return delegate.stream(status, headers);
    }

    @Override
    public io.netty.channel.Channel upgradeToWebSocket(String subprotocol, int maxFrame)
        throws java.io.IOException {
      io.netty.channel.Channel c = delegate.upgradeToWebSocket(subprotocol, maxFrame);
      code = 101;
      streaming = true;
      longRunning.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
      return c;
    }

    @Override
    public CompletionStage<Void> closed() {
      return delegate.closed();
    }

    @Override
    public java.util.List<java.security.cert.X509Certificate> clientCertificates() {
      return delegate.clientCertificates();
    }

    @Override
    public CompletionStage<Void> shuttingDown() {
      return delegate.shuttingDown();
    }
  }
}
