package dev.keelson.api.apiextensions.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Temporary: each golden manifest of the non-core groups round-trips through our records. */
class GroupsRoundTripTest {
  static final Map<String, Class<?>> FILES = new TreeMap<>();

  static {
    FILES.put("apiextensions-v1-customresourcedefinition.json", CustomResourceDefinition.class);
    FILES.put("coordination-v1-lease.json", dev.keelson.api.coordination.v1.Lease.class);
    FILES.put("autoscaling-v1-scale.json", dev.keelson.api.autoscaling.v1.Scale.class);
    FILES.put("apps-v1-deployment.json", dev.keelson.api.apps.v1.Deployment.class);
    FILES.put("apps-v1-replicaset.json", dev.keelson.api.apps.v1.ReplicaSet.class);
    FILES.put("apps-v1-statefulset.json", dev.keelson.api.apps.v1.StatefulSet.class);
    FILES.put("apps-v1-daemonset.json", dev.keelson.api.apps.v1.DaemonSet.class);
    FILES.put("apps-v1-controllerrevision.json", dev.keelson.api.apps.v1.ControllerRevision.class);
    FILES.put("batch-v1-job.json", dev.keelson.api.batch.v1.Job.class);
    FILES.put("events-v1-event.json", dev.keelson.api.events.v1.Event.class);
    FILES.put("discovery-v1-endpointslice.json", dev.keelson.api.discovery.v1.EndpointSlice.class);
  }

  static Iterable<String> files() {
    return FILES.keySet();
  }

  static java.util.List<String> diff(
      String path, JsonNode a, JsonNode b, java.util.List<String> out) {
    if (a.isObject() && b != null && b.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        JsonNode x = a.get(n);
        JsonNode y = b.get(n);
        if (x == null || y == null) {
          out.add(path + "." + n + ": " + x + " vs " + y);
        } else {
          diff(path + "." + n, x, y, out);
        }
      }
    } else if (a.isArray() && b != null && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
    } else if (!a.equals(b)) {
      out.add(path + ": " + a + " vs " + b);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void roundTrips(String file) throws Exception {
    byte[] in;
    try (InputStream s = getClass().getResourceAsStream("/golden/" + file)) {
      in = s.readAllBytes();
    }
    JsonNode tree = KubeJson.parse(in);
    Object decoded = KubeJson.decode(in, FILES.get(file));
    JsonNode out = KubeJson.parse(KubeJson.encode(decoded));
    assertThat(diff("", tree, out, new java.util.ArrayList<>())).isEmpty();
    assertThat(out).isEqualTo(tree);
    assertThat(
            KubeJson.decode(in, FILES.get(file), dev.keelson.api.json.FieldValidation.WARN)
                .unknownFields())
        .isEmpty();
  }
}
