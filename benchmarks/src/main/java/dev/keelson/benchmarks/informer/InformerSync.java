package dev.keelson.benchmarks.informer;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import dev.keelson.store.Store;
import dev.keelson.watch.ResourceKeys;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A no-op "reconcile" over N ConfigMaps: start an informer, wait for its initial sync and for one
 * handler call per object; then measure the heap the informer retains (used heap after GC with the
 * informer held, minus before). Keelson's {@code SharedInformer} and fabric8's {@code
 * SharedIndexInformer} read the same objects from the same Keelson API server (plain HTTP on
 * loopback, pages of 500), alternately, in one JVM.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.keelson.benchmarks.informer.InformerSync [objects] [rounds]
 * </pre>
 */
public final class InformerSync {
  private static final String NS = "bench";
  private static final int PAGE = 500;

  private InformerSync() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (ApiServer server = ApiServer.start(ApiServerConfig.loopback(0).plain());
        KubeClient client = KubeClient.connect(ClientConfig.builder(server.url()).build())) {
      long t0 = System.nanoTime();
      populateStore(storeOf(server), n);
      System.out.printf(
          "wrote %,d configmaps to the store in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      client
          .resources(Namespace.class)
          .create(new Namespace("v1", "Namespace", ObjectMeta.named(NS), null, null));
      int listed =
          client.resources(ConfigMap.class).inNamespace(NS).list(ListOptions.none()).items().size();
      if (listed != n) {
        throw new IllegalStateException("server lists " + listed + " configmaps");
      }
      for (int r = 1; r <= rounds; r++) {
        report("keelson", r, n, keelson(client, n));
        report("fabric8", r, n, fabric8(server, n));
      }
    }
    System.exit(0);
  }

  record Result(double syncMs, double handledMs, long retainedBytes) {}

  private static void report(String who, int round, int n, Result r) {
    System.out.printf(
        "round %d %-8s sync %8.0f ms  all handler calls %8.0f ms  retained %,12d B  %6.0f B/object%n",
        round, who, r.syncMs, r.handledMs, r.retainedBytes, (double) r.retainedBytes / n);
  }

  /**
   * Writes the objects straight into the server's store: JSON as the API server stores it (no
   * resourceVersion), under its key layout.
   */
  private static void populateStore(Store store, int n) {
    ResourceKeys keys = ResourceKeys.namespaced("", "configmaps");
    {
      Instant now = Instant.now();
      for (int i = 0; i < n; i++) {
        String name = "cm-" + i;
        ConfigMap cm =
            new ConfigMap(
                "v1",
                "ConfigMap",
                ObjectMetaBuilder.builder()
                    .namespace(NS)
                    .name(name)
                    .uid(UUID.randomUUID().toString())
                    .creationTimestamp(now)
                    .labels(Map.of("app", "bench"))
                    .build(),
                null,
                Map.of("key", "value-" + i),
                null);
        store.put(keys.key(NS, name).getBytes(StandardCharsets.UTF_8), KubeJson.encode(cm));
      }
    }
  }

  /**
   * The server's store (a private field: the harness writes the objects straight into the memory
   * store, which creating 100,000 objects through the API would take minutes on a busy machine).
   */
  private static Store storeOf(ApiServer server) throws ReflectiveOperationException {
    Field f = ApiServer.class.getDeclaredField("store");
    f.setAccessible(true);
    return (Store) f.get(server);
  }

  /** Creates the objects through the API (slower; kept for runs against a remote server). */
  static void populate(KubeClient client, int n) throws Exception {
    Resources<ConfigMap> cms = client.resources(ConfigMap.class).inNamespace(NS);
    Semaphore inFlight = new Semaphore(64);
    List<Future<?>> pending = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        inFlight.acquire();
        String name = "cm-" + i;
        int v = i;
        pending.add(
            pool.submit(
                () -> {
                  try {
                    cms.create(
                        new ConfigMap(
                            "v1",
                            "ConfigMap",
                            ObjectMetaBuilder.builder()
                                .name(name)
                                .labels(Map.of("app", "bench"))
                                .build(),
                            null,
                            Map.of("key", "value-" + v),
                            null));
                  } finally {
                    inFlight.release();
                  }
                  return null;
                }));
      }
      for (Future<?> f : pending) {
        f.get();
      }
    }
  }

  private static Result keelson(KubeClient client, int n) throws Exception {
    long before = usedHeapAfterGc();
    AtomicLong calls = new AtomicLong();
    CountDownLatch all = new CountDownLatch(1);
    SharedInformer<ConfigMap> inf =
        SharedInformer.of(
            client.resources(ConfigMap.class).inNamespace(NS),
            InformerOptions.inNamespace(NS).withPageSize(PAGE),
            Clock.system());
    inf.addHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap obj, boolean initial) {
            if (calls.incrementAndGet() == n) {
              all.countDown();
            }
          }
        });
    long t0 = System.nanoTime();
    inf.start();
    if (!inf.waitForSync(Duration.ofMinutes(10))) {
      throw new IllegalStateException("keelson informer did not sync");
    }
    long synced = System.nanoTime();
    all.await(10, TimeUnit.MINUTES);
    long handled = System.nanoTime();
    long held = usedHeapAfterGc();
    if (inf.indexer().size() != n) {
      throw new IllegalStateException("keelson cache has " + inf.indexer().size());
    }
    inf.close();
    return new Result((synced - t0) / 1e6, (handled - t0) / 1e6, held - before);
  }

  private static Result fabric8(ApiServer server, int n) throws Exception {
    long before = usedHeapAfterGc();
    Config config =
        new ConfigBuilder()
            .withMasterUrl(server.url().toString())
            .withRequestTimeout(600_000)
            .build();
    AtomicLong calls = new AtomicLong();
    CountDownLatch all = new CountDownLatch(1);
    try (KubernetesClient fc = new KubernetesClientBuilder().withConfig(config).build()) {
      SharedIndexInformer<io.fabric8.kubernetes.api.model.ConfigMap> inf =
          fc.configMaps().inNamespace(NS).withLimit((long) PAGE).runnableInformer(0);
      inf.addEventHandler(
          new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(io.fabric8.kubernetes.api.model.ConfigMap obj) {
              if (calls.incrementAndGet() == n) {
                all.countDown();
              }
            }

            @Override
            public void onUpdate(
                io.fabric8.kubernetes.api.model.ConfigMap oldObj,
                io.fabric8.kubernetes.api.model.ConfigMap newObj) {}

            @Override
            public void onDelete(
                io.fabric8.kubernetes.api.model.ConfigMap obj, boolean finalStateUnknown) {}
          });
      long t0 = System.nanoTime();
      inf.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!inf.hasSynced()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("fabric8 informer did not sync");
        }
        Thread.sleep(1);
      }
      long synced = System.nanoTime();
      all.await(10, TimeUnit.MINUTES);
      long handled = System.nanoTime();
      long held = usedHeapAfterGc();
      if (inf.getIndexer().list().size() != n) {
        throw new IllegalStateException("fabric8 cache has " + inf.getIndexer().list().size());
      }
      inf.close();
      return new Result((synced - t0) / 1e6, (handled - t0) / 1e6, held - before);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
