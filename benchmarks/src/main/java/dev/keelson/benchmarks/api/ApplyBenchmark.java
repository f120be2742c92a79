package dev.keelson.benchmarks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apply.FieldManager;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.patch.StrategicMergePatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request cost of changing a Deployment (two containers with ports, env and volume mounts)
 * by server-side apply against a strategic merge patch of the same change, on JSON trees as the API
 * server holds them: {@code apply} merges the applied configuration and recomputes ownership
 * (conflict check included); {@code strategicMergePatchTracked} is the patch plus the managedFields
 * Update bookkeeping every ordinary write now does; {@code strategicMergePatch} is the patch alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyBenchmark {
  private static final String CONFIG =
      """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default",
       "labels":{"app":"web","tier":"front"}},
       "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web","tier":"front"}},
         "spec":{"containers":[
          {"name":"app","image":"registry/app:%s","ports":[{"containerPort":8080,"name":"http"}],
           "env":[{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"C","value":"3"}],
           "resources":{"requests":{"cpu":"100m","memory":"128Mi"}},
           "volumeMounts":[{"name":"cfg","mountPath":"/etc/app"}]},
          {"name":"side","image":"registry/side:1","ports":[{"containerPort":9090,"name":"metrics"}]}],
          "volumes":[{"name":"cfg","configMap":{"name":"app-cfg"}}]}}}}
      """;

  private FieldManager manager;
  private ObjectNode live;
  private ObjectNode config;
  private JsonNode patch;
  private FieldManager.Writer applier;
  private FieldManager.Writer updater;

  private static ObjectNode json(String s) {
    return (ObjectNode) KubeJson.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Setup
  public void setUp() {
    manager = FieldManager.of(FieldType.forClass(Deployment.class), null, true);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    applier = new FieldManager.Writer("deployer", "apps/v1", "", false, now);
    updater = new FieldManager.Writer("patcher", "apps/v1", "", false, now);
    live = manager.apply(null, json(CONFIG.formatted(3, "1")), applier);
    config = json(CONFIG.formatted(4, "2"));
    patch =
        json(
            """
            {"spec":{"replicas":4,"template":{"spec":{"containers":[
             {"name":"app","image":"registry/app:2"}]}}}}
            """);
  }

  @Benchmark
  public ObjectNode apply() {
    return manager.apply(live, config, applier);
  }

  @Benchmark
  public JsonNode strategicMergePatchTracked() {
    ObjectNode next = (ObjectNode) StrategicMergePatch.apply(live, patch, Deployment.class);
    manager.update(live, next, updater);
    return next;
  }

  @Benchmark
  public JsonNode strategicMergePatch() {
    return StrategicMergePatch.apply(live, patch, Deployment.class);
  }
}
