package dev.keelson.apiserver.metrics;

import dev.keelson.store.Compare;
import dev.keelson.store.Op;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Txn;
import dev.keelson.store.TxnResult;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchListener;
import dev.keelson.store.WatchRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Store latency under kube-apiserver's name, {@code etcd_request_duration_seconds} (a histogram by
 * {@code operation} and {@code type}), whatever the backend. Operations are kube-apiserver's:
 * {@code get}, {@code list}, {@code count}, {@code create}, {@code update}, {@code delete}, and
 * {@code txn} for other transactions; the type is the group-resource of the key ({@code pods},
 * {@code deployments.apps}), {@code ranges} for the allocation ranges.
 */
public final class StoreMetrics {
  /** kube-apiserver's buckets for etcd request latency, in seconds. */
  static final double[] BUCKETS = {
    0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30,
    45, 60
  };

  private record Key(String operation, String type) {}

  private final Map<Key, LatencyHistogram> latencies = new ConcurrentHashMap<>();
  private final Predicate<String> coreResource;

  /**
   * @param coreResource whether a first key segment names a core resource ({@code
   *     /registry/pods/...}); otherwise the key is {@code /registry/<group>/<resource>/...}
   */
  public StoreMetrics(Predicate<String> coreResource) {
    this.coreResource = coreResource;
  }

  /** {@code store}, measured: each call is observed under its operation and type. */
  public Store measure(Store store) {
    return new Measured(store);
  }

  /** The histogram in Prometheus' text format. */
  void render(StringBuilder out) {
    out.append(
        "# HELP etcd_request_duration_seconds Etcd request latency in seconds for each operation"
            + " and object type.\n");
    out.append("# TYPE etcd_request_duration_seconds histogram\n");
    Map<String, LatencyHistogram> sorted = new TreeMap<>();
    latencies.forEach(
        (k, h) -> sorted.put("operation=\"" + k.operation() + "\",type=\"" + k.type() + "\"", h));
    sorted.forEach((labels, h) -> h.render(out, "etcd_request_duration_seconds", labels));
  }

  String typeOf(byte[] key) {
    String k = new String(key, StandardCharsets.UTF_8);
    if (!k.startsWith("/registry/")) {
      return "unknown";
    }
    String[] parts = k.substring("/registry/".length()).split("/", 3);
    if (parts[0].equals("ranges")) {
      return "ranges";
    }
    if (parts.length < 2 || parts[0].isEmpty() || coreResource.test(parts[0])) {
      return parts[0];
    }
    return parts[1].isEmpty() ? parts[0] : parts[1] + "." + parts[0];
  }

  static String operationOf(Txn txn) {
    if (txn.success().isEmpty()) {
      return "get";
    }
    Op first = txn.success().get(0);
    Compare guard = txn.compares().isEmpty() ? null : txn.compares().get(0);
    if (first instanceof Op.Delete) {
      return "delete";
    }
    if (first instanceof Op.Put) {
      boolean absent =
          guard != null
              && guard.target() == Compare.Target.CREATE_REVISION
              && guard.operator() == Compare.Operator.EQUAL
              && guard.number() == 0;
      return absent ? "create" : "update";
    }
    return "txn";
  }

  private void observe(String operation, byte[] key, long start) {
    latencies
        .computeIfAbsent(new Key(operation, typeOf(key)), k -> new LatencyHistogram(BUCKETS))
        .observe(System.nanoTime() - start);
  }

  private final class Measured implements Store {
    private final Store store;

    Measured(Store store) {
      this.store = store;
    }

    @Override
    public long currentRevision() {
      return store.currentRevision();
    }

    @Override
    public RangeResult range(RangeRequest request) {
      long start = System.nanoTime();
      try {
        return store.range(request);
      } finally {
        observe(
            request.countOnly() ? "count" : request.rangeEnd() == null ? "get" : "list",
            request.key(),
            start);
      }
    }

    @Override
    public TxnResult txn(Txn txn) {
      long start = System.nanoTime();
      try {
        return store.txn(txn);
      } finally {
        byte[] key =
            !txn.success().isEmpty()
                ? keyOf(txn.success().get(0))
                : txn.compares().isEmpty() ? new byte[0] : txn.compares().get(0).key();
        observe(operationOf(txn), key, start);
      }
    }

    @Override
    public Watch watch(WatchRequest request, WatchListener listener) {
      return store.watch(request, listener);
    }

    @Override
    public void compact(long revision) {
      store.compact(revision);
    }

    @Override
    public void close() {
      store.close();
    }
  }

  private static byte[] keyOf(Op op) {
    return switch (op) {
      case Op.Put p -> p.key();
      case Op.Delete d -> d.key();
      case Op.Get g -> g.key();
    };
  }
}
