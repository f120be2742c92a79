package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.apiserver.allocation.AllocationBitmap;
import dev.keelson.apiserver.allocation.IpRange;
import dev.keelson.apiserver.allocation.PortRange;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two API servers (two handlers) on one store, many threads creating Services at once: every
 * address is handed out once, and the range ends full with Kubernetes' error.
 */
class ServiceAllocationConcurrencyTest {
  private static final IpRange IPS = IpRange.parse("10.1.0.0/24"); // 254 addresses
  private static final PortRange PORTS = PortRange.parse("30000-30099");

  private Store store;
  private ResourceHandler one;
  private ResourceHandler two;

  @BeforeEach
  void open() {
    store = Stores.open("memory:");
    one = handler();
    two = handler();
    one.ensureSystemNamespaces();
    one.ensureServices(6443);
    two.ensureServices(6443);
  }

  @AfterEach
  void close() {
    one.close();
    two.close();
    store.close();
  }

  private ResourceHandler handler() {
    return new ResourceHandler(
        ResourceRegistry.builtins(), store, InstantSource.system(), IPS, PORTS, null);
  }

  private static ObjectNode service(String name, boolean nodePort) {
    return (ObjectNode)
        KubeJson.parse(
            ("{'apiVersion':'v1','kind':'Service','metadata':{'name':'"
                    + name
                    + "'},'spec':{"
                    + (nodePort ? "'type':'NodePort'," : "")
                    + "'selector':{'a':'b'},'ports':[{'port':80}]}}")
                .replace('\'', '"')
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void concurrentCreatesOnTwoServersNeverShareAnAddress() throws Exception {
    int threads = 16;
    int perThread = 20; // 320 attempts for 253 free addresses
    ConcurrentLinkedQueue<String> ips = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> nodePorts = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      ResourceHandler h = t % 2 == 0 ? one : two;
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  boolean np = i < 5; // 80 NodePort services for 100 ports
                  try {
                    ObjectNode created =
                        h.writes()
                            .create(
                                h.context("", "services"),
                                "default",
                                service("s-" + thread + "-" + i, np),
                                false);
                    ips.add(created.at("/spec/clusterIP").asText());
                    if (np) {
                      nodePorts.add(created.at("/spec/ports/0/nodePort").asInt());
                    }
                  } catch (ApiException e) {
                    failures.add(e.code() + " " + e.getMessage());
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(ips).hasSize(253);
    assertThat(new HashSet<>(ips)).hasSize(253).doesNotContain("10.1.0.1");
    // (a thread may reach its NodePort creates after the addresses ran out)
    assertThat(nodePorts).isNotEmpty();
    assertThat(new HashSet<>(nodePorts)).hasSameSizeAs(nodePorts);
    assertThat(failures)
        .hasSize(320 - 253)
        .allMatch(
            f ->
                f.contains(
                    "500 Internal error occurred: failed to allocate a serviceIP: range is full"));
    assertThat(storedBitmap(IPS).allocated()).isEqualTo(254);
    assertThat(storedBitmap(PORTS).allocated()).isEqualTo(nodePorts.size());
  }

  @Test
  void repairRebuildsLostRangesFromTheServices() {
    Set<String> ips = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      ips.add(
          one.writes()
              .create(one.context("", "services"), "default", service("s" + i, true), false)
              .at("/spec/clusterIP")
              .asText());
    }
    store.put(ServiceAllocations.IPS_KEY, "{}".getBytes());
    store.put(ServiceAllocations.PORTS_KEY, "{}".getBytes());
    assertThat(two.ensureServices(6443)).isEmpty();
    assertThat(storedBitmap(IPS).allocated()).isEqualTo(11);
    assertThat(storedBitmap(PORTS).allocated()).isEqualTo(10);
    for (String ip : ips) {
      assertThat(storedBitmap(IPS).isAllocated(IPS.offsetOf(ip))).isTrue();
    }
  }

  private AllocationBitmap storedBitmap(dev.keelson.apiserver.allocation.AllocationRange range) {
    byte[] key =
        range instanceof IpRange ? ServiceAllocations.IPS_KEY : ServiceAllocations.PORTS_KEY;
    var node = KubeJson.parse(store.get(key).orElseThrow().value());
    assertThat(node.path("kind").asText()).isEqualTo("RangeAllocation");
    assertThat(node.path("range").asText()).isEqualTo(range.text());
    return AllocationBitmap.fromBytes(
        range, Base64.getDecoder().decode(node.path("data").asText()));
  }
}
