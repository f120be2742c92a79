package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over HTTP: each request gets Kubernetes' Status (code, reason, message, causes), and
 * the stored data is unchanged afterwards (read back after every case).
 */
class BadInputSweepTest {
  private static final String NS = "/api/v1/namespaces/sweep";
  private static final String CMS = NS + "/configmaps";
  private static ApiServer server;
  private static HttpApi api;
  private static JsonNode baseline;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    api = new HttpApi(server);
    assertThat(api.post("/api/v1/namespaces", "{'metadata':{'name':'sweep'}}").code())
        .isEqualTo(201);
    Answer keep = api.post(CMS, "{'metadata':{'name':'keep'},'data':{'k':'v'}}");
    assertThat(keep.code()).isEqualTo(201);
    baseline = keep.json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** After every case: the stored object is as it was, and nothing else was stored. */
  @AfterEach
  void storedDataIsUnchanged() throws Exception {
    assertThat(api.get(CMS + "/keep").json()).isEqualTo(baseline);
    Answer list = api.get(CMS);
    assertThat(list.json().path("items")).hasSize(1);
  }

  private static void assertStatus(Answer a, int code, String reason) {
    assertThat(a.code()).as(a.raw().body()).isEqualTo(code);
    assertThat(a.text("/kind")).isEqualTo("Status");
    assertThat(a.text("/apiVersion")).isEqualTo("v1");
    assertThat(a.text("/status")).isEqualTo("Failure");
    assertThat(a.json().at("/code").asInt()).isEqualTo(code);
    assertThat(a.text("/reason")).isEqualTo(reason);
    assertThat(a.text("/message")).isNotEmpty();
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    for (String body : new String[] {"{not json", "{\"metadata\":", "[1,2]", "", "null"}) {
      Answer a = api.send("POST", CMS, "application/json", body, Map.of());
      assertStatus(a, 400, "BadRequest");
    }
    Answer put = api.send("PUT", CMS + "/keep", "application/json", "{\"data\":", Map.of());
    assertStatus(put, 400, "BadRequest");
    Answer patch =
        api.send("PATCH", CMS + "/keep", "application/merge-patch+json", "{oops", Map.of());
    assertStatus(patch, 400, "BadRequest");
  }

  @Test
  void malformedYamlIsABadRequest() throws Exception {
    Answer a =
        api.send(
            "POST", CMS, "application/yaml", "metadata:\n  name: [unclosed\n data: :\n", Map.of());
    assertStatus(a, 400, "BadRequest");
    Answer tabs = api.send("POST", CMS, "application/yaml", "metadata:\n\tname: x\n", Map.of());
    assertStatus(tabs, 400, "BadRequest");
  }

  @Test
  void anOversizedBodyIsRequestEntityTooLarge() throws Exception {
    String big =
        "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
            + "x".repeat(4 * 1024 * 1024)
            + "\"}}";
    Answer a = api.send("POST", CMS, "application/json", big, Map.of());
    assertStatus(a, 413, "RequestEntityTooLarge");
    assertThat(a.text("/message")).contains("limit is 3145728");
  }

  @Test
  void invalidNamesAreInvalidWithCauses() throws Exception {
    Answer a = api.post(CMS, "{'metadata':{'name':'Bad_Name'},'data':{'k':'v'}}");
    assertStatus(a, 422, "Invalid");
    assertThat(a.text("/details/name")).isEqualTo("Bad_Name");
    assertThat(a.text("/details/kind")).isEqualTo("ConfigMap");
    assertThat(a.text("/details/causes/0/reason")).isEqualTo("FieldValueInvalid");
    assertThat(a.text("/details/causes/0/field")).isEqualTo("metadata.name");
    assertThat(a.text("/message"))
        .startsWith(
            "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a"
                + " lowercase RFC 1123 subdomain must consist of");
    Answer empty = api.post(CMS, "{'metadata':{},'data':{'k':'v'}}");
    assertStatus(empty, 422, "Invalid");
    assertThat(empty.text("/details/causes/0/reason")).isEqualTo("FieldValueRequired");
    assertThat(empty.text("/details/causes/0/field")).isEqualTo("metadata.name");
  }

  @Test
  void unknownFieldsFollowEachFieldValidationMode() throws Exception {
    String body = "{'metadata':{'name':'%s'},'data':{'k':'v'},'spec':{'x':1},'extra':true}";
    Answer strict = api.post(CMS + "?fieldValidation=Strict", body.formatted("strict"));
    assertStatus(strict, 400, "BadRequest");
    assertThat(strict.text("/message"))
        .contains("strict decoding error")
        .contains("unknown field \"spec\"")
        .contains("unknown field \"extra\"");

    Answer bogus = api.post(CMS + "?fieldValidation=Sometimes", body.formatted("bogus"));
    assertStatus(bogus, 400, "BadRequest");

    Answer warn = api.post(CMS + "?fieldValidation=Warn", body.formatted("warned"));
    assertThat(warn.code()).isEqualTo(201);
    assertThat(warn.header("warning"))
        .contains("299 - \"unknown field \\\"spec\\\"\"")
        .contains("299 - \"unknown field \\\"extra\\\"\"");
    assertThat(warn.json().has("extra")).isFalse();

    Answer ignore = api.post(CMS + "?fieldValidation=Ignore", body.formatted("ignored"));
    assertThat(ignore.code()).isEqualTo(201);
    assertThat(ignore.header("warning")).isNull();
    Answer stored = api.get(CMS + "/ignored");
    assertThat(stored.json().has("spec")).isFalse();
    assertThat(stored.json().has("extra")).isFalse();
    assertThat(stored.text("/data/k")).isEqualTo("v");
    assertThat(api.delete(CMS + "/warned").code()).isEqualTo(200);
    assertThat(api.delete(CMS + "/ignored").code()).isEqualTo(200);
  }

  @Test
  void aWrongContentTypeIsUnsupportedMediaType() throws Exception {
    Answer a = api.send("POST", CMS, "text/plain", "{\"metadata\":{\"name\":\"t\"}}", Map.of());
    assertStatus(a, 415, "UnsupportedMediaType");
    Answer patch =
        api.send("PATCH", CMS + "/keep", "application/json", "{\"data\":{\"k\":\"w\"}}", Map.of());
    assertStatus(patch, 415, "UnsupportedMediaType");
  }

  @Test
  void anUnknownResourceIsNotFound() throws Exception {
    assertStatus(api.get(NS + "/nothings"), 404, "NotFound");
    assertStatus(api.post(NS + "/nothings", "{}"), 404, "NotFound");
    Answer noPath = api.get("/apis/nope.example.com/v1/things");
    assertStatus(noPath, 404, "NotFound");
    assertThat(noPath.json().get("details"))
        .as("present and empty, as kube-apiserver's: kubectl debug reads details.name unguarded")
        .isNotNull()
        .isEmpty();
    Answer missing = api.get(CMS + "/missing");
    assertStatus(missing, 404, "NotFound");
    assertThat(missing.text("/message")).isEqualTo("configmaps \"missing\" not found");
    assertThat(missing.text("/details/name")).isEqualTo("missing");
    assertThat(missing.text("/details/kind")).isEqualTo("configmaps");
  }

  @Test
  void aWrongVerbIsMethodNotAllowed() throws Exception {
    assertStatus(api.put(CMS, "{}"), 405, "MethodNotAllowed");
    assertStatus(api.post(CMS + "/keep", "{}"), 405, "MethodNotAllowed");
    assertStatus(
        api.send("PATCH", CMS, "application/merge-patch+json", "{}"), 405, "MethodNotAllowed");
  }

  @Test
  void aStaleResourceVersionOnUpdateIsAConflict() throws Exception {
    String rv = baseline.at("/metadata/resourceVersion").asText();
    long stale = Long.parseLong(rv) - 1;
    Answer a =
        api.put(
            CMS + "/keep",
            "{'metadata':{'name':'keep','resourceVersion':'"
                + stale
                + "'},'data':{'k':'changed'}}");
    assertStatus(a, 409, "Conflict");
    assertThat(a.text("/message"))
        .isEqualTo(
            "Operation cannot be fulfilled on configmaps \"keep\": the object has been modified;"
                + " please apply your changes to the latest version and try again");
    assertThat(a.text("/details/name")).isEqualTo("keep");
    assertThat(a.text("/details/kind")).isEqualTo("configmaps");
  }

  @Test
  void aFutureResourceVersionOnListTimesOutAsTooLarge() throws Exception {
    Instant start = Instant.now();
    Answer a = api.get(CMS + "?resourceVersion=99999999&resourceVersionMatch=NotOlderThan");
    assertStatus(a, 504, "Timeout");
    assertThat(a.text("/message")).startsWith("Too large resource version: 99999999, current: ");
    assertThat(a.text("/details/causes/0/reason")).isEqualTo("ResourceVersionTooLarge");
    assertThat(a.json().at("/details/retryAfterSeconds").asInt()).isEqualTo(1);
    // kube-apiserver waits (3 s) for the cache to catch up before answering
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aFutureResourceVersionOnGetTimesOutAsTooLarge() throws Exception {
    Answer a = api.get(CMS + "/keep?resourceVersion=99999999");
    assertStatus(a, 504, "Timeout");
    assertThat(a.text("/message")).startsWith("Too large resource version: 99999999");
  }

  @Test
  void anInvalidResourceVersionIsABadRequest() throws Exception {
    assertStatus(api.get(CMS + "?resourceVersion=abc"), 400, "BadRequest");
    assertStatus(api.get(CMS + "/keep?resourceVersion=abc"), 400, "BadRequest");
    assertStatus(api.get(CMS + "?watch=true&resourceVersion=abc"), 400, "BadRequest");
    Answer put =
        api.put(CMS + "/keep", "{'metadata':{'name':'keep','resourceVersion':'abc'},'data':{}}");
    assertThat(put.code()).isIn(400, 409);
  }
}
