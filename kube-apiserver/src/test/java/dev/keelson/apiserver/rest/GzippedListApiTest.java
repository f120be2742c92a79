package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lists large enough to be sent gzipped: the same lists as uncompressed, never stale. */
class GzippedListApiTest {
  private static final int OBJECTS = 300; // about 1.2 KB each: lists over 128 KiB
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static ApiServer server;
  private static HttpApi api;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
    for (String ns : List.of("gz", "gz-writes", "gz-race")) {
      assertThat(api.post("/api/v1/namespaces", "{'metadata':{'name':'" + ns + "'}}").code())
          .isEqualTo(201);
      for (int i = 0; i < OBJECTS; i++) {
        create(ns, "cm-" + i, "v0");
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void create(String ns, String name, String value) throws Exception {
    HttpApi.Answer a =
        api.send(
            "POST",
            "/api/v1/namespaces/" + ns + "/configmaps",
            "application/json",
            configMap(name, value, null),
            java.util.Map.of());
    assertThat(a.code()).as(a.raw().body()).isEqualTo(201);
  }

  private static String configMap(String name, String value, String rv) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\""
        + (rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\"")
        + ",\"labels\":{\"app\":\"gz\"}},\"data\":{\"value\":\""
        + value
        + "\",\"pad\":\""
        + "p".repeat(1000)
        + "\"}}";
  }

  /** A response body, inflated if it came gzipped; remembers the encoding. */
  record Body(String encoding, byte[] bytes, JsonNode json) {}

  private static Body list(String pathAndQuery, boolean gzip) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery));
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    String encoding = r.headers().firstValue("content-encoding").orElse("identity");
    byte[] bytes = r.body();
    if (encoding.equals("gzip")) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    return new Body(encoding, bytes, KubeJson.parse(bytes));
  }

  @Test
  void aGzippedListIsTheUncompressedListByteForByte() throws Exception {
    Body plain = list("/api/v1/namespaces/gz/configmaps", false);
    Body gz = list("/api/v1/namespaces/gz/configmaps", true);
    Body again = list("/api/v1/namespaces/gz/configmaps", true);
    assertThat(plain.encoding()).isEqualTo("identity");
    assertThat(gz.encoding()).isEqualTo("gzip");
    assertThat(gz.bytes()).isEqualTo(plain.bytes());
    assertThat(again.bytes()).isEqualTo(plain.bytes());
    assertThat(gz.json().at("/items").size()).isEqualTo(OBJECTS);

    // Selectors and pages are lists of their own.
    Body page = list("/api/v1/namespaces/gz/configmaps?limit=200", true);
    assertThat(page.encoding()).isEqualTo("gzip");
    assertThat(page.json().at("/items").size()).isEqualTo(200);
    assertThat(page.json().at("/metadata/continue").asText()).isNotEmpty();
    assertThat(page.bytes())
        .isEqualTo(list("/api/v1/namespaces/gz/configmaps?limit=200", false).bytes());
    Body none = list("/api/v1/namespaces/gz/configmaps?labelSelector=app%3Dother", true);
    assertThat(none.encoding()).isEqualTo("identity"); // small: not compressed
    assertThat(none.json().at("/items").size()).isZero();
  }

  @Test
  void everyWriteIsInTheNextGzippedList() throws Exception {
    String path = "/api/v1/namespaces/gz-writes/configmaps";
    Body before = list(path, true);
    JsonNode item = before.json().at("/items/7");
    String name = item.at("/metadata/name").asText();

    // update
    HttpApi.Answer updated =
        api.send(
            "PUT",
            path + "/" + name,
            "application/json",
            configMap(name, "v1", item.at("/metadata/resourceVersion").asText()),
            java.util.Map.of());
    assertThat(updated.code()).isEqualTo(200);
    Body afterUpdate = list(path, true);
    assertThat(afterUpdate.json().at("/metadata/resourceVersion").asText())
        .isEqualTo(updated.text("/metadata/resourceVersion"));
    assertThat(afterUpdate.json().at("/items/7/data/value").asText()).isEqualTo("v1");
    assertThat(afterUpdate.bytes()).isEqualTo(list(path, false).bytes());

    // delete
    assertThat(api.delete(path + "/" + name).code()).isEqualTo(200);
    Body afterDelete = list(path, true);
    assertThat(afterDelete.json().at("/items").size()).isEqualTo(OBJECTS - 1);
    assertThat(afterDelete.bytes()).isEqualTo(list(path, false).bytes());

    // create
    create("gz-writes", name, "v2");
    Body afterCreate = list(path, true);
    assertThat(afterCreate.json().at("/items").size()).isEqualTo(OBJECTS);
    assertThat(afterCreate.json().at("/items/7/data/value").asText()).isEqualTo("v2");
    assertThat(afterCreate.bytes()).isEqualTo(list(path, false).bytes());
  }

  @Test
  void gzippedListsUnderConcurrentWritesAreTheStateAtTheirResourceVersion() throws Exception {
    String path = "/api/v1/namespaces/gz-race/configmaps";
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<Integer> writer =
          pool.submit(
              () -> {
                int writes = 0;
                while (writing.get()) {
                  String name = "cm-" + (writes % OBJECTS);
                  HttpApi.Answer a =
                      api.send(
                          "PUT",
                          path + "/" + name,
                          "application/json",
                          configMap(name, "w" + writes, null),
                          java.util.Map.of());
                  assertThat(a.code()).as(a.raw().body()).isEqualTo(200);
                  writes++;
                }
                return writes;
              });
      List<Future<List<Body>>> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        readers.add(
            pool.submit(
                () -> {
                  List<Body> seen = new ArrayList<>();
                  for (int i = 0; i < 15; i++) {
                    seen.add(list(path, true));
                  }
                  return seen;
                }));
      }
      List<Body> seen = new ArrayList<>();
      for (Future<List<Body>> r : readers) {
        seen.addAll(r.get());
      }
      writing.set(false);
      assertThat(writer.get()).isPositive();
      // Each gzipped list is exactly the state at its resourceVersion.
      for (Body b : seen) {
        assertThat(b.encoding()).isEqualTo("gzip");
        String rv = b.json().at("/metadata/resourceVersion").asText();
        Body exact = list(path + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact", false);
        assertThat(b.json().at("/items")).isEqualTo(exact.json().at("/items"));
      }
      // And once the writes stop, the next list holds the last of them.
      Body last = list(path, true);
      assertThat(last.bytes()).isEqualTo(list(path, false).bytes());
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }
}
