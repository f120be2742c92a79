package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import dev.keelson.watch.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GzippedListsTest {
  private static final byte[] HEAD = head(7);

  private Store store;
  private ResourceContext ctx;
  private ResourceContext other;

  @BeforeEach
  void setUp() {
    store = Stores.open("memory:");
    ResourceType type =
        ResourceRegistry.builtins().byGroupResource(GroupResource.of("", "configmaps")).get();
    ctx = new ResourceContext(type, store, FieldSelectors.extractor(type.groupResource()));
    ResourceType secrets =
        ResourceRegistry.builtins().byGroupResource(GroupResource.of("", "secrets")).get();
    other = new ResourceContext(secrets, store, FieldSelectors.extractor(secrets.groupResource()));
  }

  @AfterEach
  void tearDown() throws Exception {
    ctx.close();
    other.close();
    store.close();
  }

  private static byte[] head(long rv) {
    return ("{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\""
            + rv
            + "\"},\"items\":[")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static StoredObject object(String name, long rv, String value) {
    ObjectNode json =
        (ObjectNode)
            KubeJson.parse(
                ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                        + name
                        + "\",\"namespace\":\"ns\",\"resourceVersion\":\""
                        + rv
                        + "\"},\"data\":{\"k\":\""
                        + value
                        + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
    return new StoredObject(
        "/registry/configmaps/ns/" + name,
        "ns",
        name,
        rv,
        Map.of(),
        Map.of(),
        GenericObject.of(json),
        KubeJson.encode(json));
  }

  private static List<StoredObject> objects(int n, long rv) {
    List<StoredObject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(object("cm-" + i, rv, "v".repeat(100) + i));
    }
    return out;
  }

  private static byte[] inflate(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static byte[] plain(byte[] head, List<StoredObject> items) {
    StringBuilder s = new StringBuilder(new String(head, StandardCharsets.UTF_8));
    for (int i = 0; i < items.size(); i++) {
      s.append(i == 0 ? "" : ",").append(new String(items.get(i).json(), StandardCharsets.UTF_8));
    }
    return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theGzippedBodyIsTheListJsonAndParses() throws Exception {
    List<StoredObject> items = objects(500, 5);
    byte[] json = inflate(GzippedLists.compress(HEAD, items));
    assertThat(json).isEqualTo(plain(HEAD, items));
    assertThat(KubeJson.parse(json).at("/items").size()).isEqualTo(500);
    assertThat(inflate(GzippedLists.compress(HEAD, List.of())))
        .isEqualTo(plain(HEAD, List.of()))
        .asString(StandardCharsets.UTF_8)
        .endsWith("\"items\":[]}");
  }

  @Test
  void objectsLargerThanTheBatchBufferAreWrittenWhole() throws Exception {
    List<StoredObject> items =
        List.of(
            object("a", 3, "x".repeat(100_000)),
            object("b", 4, "y".repeat(200_000)),
            object("c", 5, "z"));
    assertThat(inflate(GzippedLists.compress(HEAD, items))).isEqualTo(plain(HEAD, items));
  }

  @Test
  void anIdenticalListIsServedFromTheCache() {
    GzippedLists lists = new GzippedLists();
    List<StoredObject> items = objects(100, 5);
    assertThat(lists.cached(ctx, "ns", HEAD, items)).isNull();
    byte[] first = lists.gzipped(ctx, "ns", HEAD, items);
    // The same objects, listed again (a new list of the same StoredObjects).
    byte[] second = lists.gzipped(ctx, "ns", HEAD, new ArrayList<>(items));
    assertThat(second).isSameAs(first);
    GzippedLists.Body kept = lists.cached(ctx, "ns", HEAD, new ArrayList<>(items));
    assertThat(kept.gzipped()).isSameAs(first);
    assertThat(kept.jsonBytes()).isEqualTo(plain(HEAD, items).length);
    assertThat(lists.compressions()).isEqualTo(1);
    // Not for another request, envelope or object revision.
    assertThat(lists.cached(ctx, "other", HEAD, items)).isNull();
    assertThat(lists.cached(other, "ns", HEAD, items)).isNull();
    assertThat(lists.cached(ctx, "ns", head(6), items)).isNull();
    List<StoredObject> updated = new ArrayList<>(items);
    updated.set(99, object("cm-99", 6, "new"));
    assertThat(lists.cached(ctx, "ns", HEAD, updated)).isNull();
  }

  @Test
  void aChangedObjectEnvelopeOrMembershipIsCompressedAgain() throws Exception {
    GzippedLists lists = new GzippedLists();
    List<StoredObject> items = objects(100, 5);
    byte[] first = lists.gzipped(ctx, "ns", HEAD, items);

    // One object written: a new revision of the same key.
    List<StoredObject> updated = new ArrayList<>(items);
    updated.set(40, object("cm-40", 8, "changed"));
    byte[] afterUpdate = lists.gzipped(ctx, "ns", head(8), updated);
    assertThat(inflate(afterUpdate)).isEqualTo(plain(head(8), updated));

    // The same objects under another envelope (a list at another resourceVersion).
    byte[] otherHead = lists.gzipped(ctx, "ns", head(9), updated);
    assertThat(inflate(otherHead)).isEqualTo(plain(head(9), updated));

    // Even under an unchanged envelope, another object at the same revision is not a hit.
    List<StoredObject> swapped = new ArrayList<>(updated);
    swapped.set(3, object("cm-other", 5, "other"));
    assertThat(inflate(lists.gzipped(ctx, "ns", head(9), swapped)))
        .isEqualTo(plain(head(9), swapped));

    // One object deleted.
    List<StoredObject> shorter = new ArrayList<>(swapped);
    shorter.remove(0);
    assertThat(inflate(lists.gzipped(ctx, "ns", head(9), shorter)))
        .isEqualTo(plain(head(9), shorter));

    assertThat(lists.compressions()).isEqualTo(5);
    assertThat(inflate(first)).isEqualTo(plain(HEAD, items));
  }

  @Test
  void bodiesAreKeptPerResourceAndRequest() throws Exception {
    GzippedLists lists = new GzippedLists();
    List<StoredObject> items = objects(10, 5);
    lists.gzipped(ctx, "ns", HEAD, items);
    lists.gzipped(other, "ns", HEAD, items);
    lists.gzipped(ctx, "ns\0app=x", HEAD, items);
    assertThat(lists.size()).isEqualTo(3);
    lists.gzipped(ctx, "ns", HEAD, items);
    lists.gzipped(other, "ns", HEAD, items);
    assertThat(lists.compressions()).isEqualTo(3);
  }

  @Test
  void theCacheIsBoundedByEntries() {
    GzippedLists lists = new GzippedLists();
    List<StoredObject> items = objects(10, 5);
    for (int i = 0; i < GzippedLists.MAX_ENTRIES * 3; i++) {
      lists.gzipped(ctx, "request-" + i, HEAD, items);
    }
    assertThat(lists.size()).isEqualTo(GzippedLists.MAX_ENTRIES);
    // The most recent are kept; the oldest went first.
    long before = lists.compressions();
    lists.gzipped(ctx, "request-" + (GzippedLists.MAX_ENTRIES * 3 - 1), HEAD, items);
    assertThat(lists.compressions()).isEqualTo(before);
    lists.gzipped(ctx, "request-0", HEAD, items);
    assertThat(lists.compressions()).isEqualTo(before + 1);
  }

  @Test
  void theCacheIsBoundedByBytes() {
    GzippedLists lists = new GzippedLists();
    // Incompressible values: each body is about 3 MiB gzipped.
    java.util.Random random = new java.util.Random(1);
    List<StoredObject> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      byte[] b = new byte[150_000];
      random.nextBytes(b);
      items.add(object("big-" + i, 5, java.util.HexFormat.of().formatHex(b)));
    }
    for (int i = 0; i < 30; i++) {
      lists.gzipped(ctx, "request-" + i, HEAD, items);
      assertThat(lists.bytes()).isLessThanOrEqualTo(GzippedLists.MAX_BYTES);
    }
    assertThat(lists.size()).isLessThan(30).isPositive();
  }

  @Test
  void aBodyTooLargeToKeepIsServedButNotKept() {
    GzippedLists lists = new GzippedLists();
    java.util.Random random = new java.util.Random(2);
    List<StoredObject> items = new ArrayList<>();
    // About 27 MiB of base64 of random bytes: about 20 MiB gzipped, over MAX_BYTES / 4.
    for (int i = 0; i < 100; i++) {
      byte[] b = new byte[200_000];
      random.nextBytes(b);
      items.add(object("huge-" + i, 5, java.util.Base64.getEncoder().encodeToString(b)));
    }
    byte[] gz = lists.gzipped(ctx, "ns", HEAD, items);
    assertThat(gz.length).isGreaterThan((int) (GzippedLists.MAX_BYTES / 4));
    assertThat(lists.size()).isZero();
    assertThat(lists.bytes()).isZero();
  }

  @Test
  void concurrentRequestsForTheSameBodyShareOneCompression() throws Exception {
    GzippedLists lists = new GzippedLists();
    List<StoredObject> items = objects(20_000, 5);
    int threads = 16;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<byte[]>> answers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return lists.gzipped(ctx, "ns", HEAD, items);
                }));
      }
      go.countDown();
      byte[] first = answers.get(0).get();
      for (Future<byte[]> a : answers) {
        assertThat(a.get()).isSameAs(first);
      }
      assertThat(lists.compressions()).isEqualTo(1);
      assertThat(inflate(first)).isEqualTo(plain(HEAD, items));
    } finally {
      pool.shutdownNow();
    }
  }
}
