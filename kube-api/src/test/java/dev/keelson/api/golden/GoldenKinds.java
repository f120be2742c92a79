package dev.keelson.api.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden manifests under {@code src/test/resources/golden/} and the classes that decode them.
 *
 * <p>To add a kind: drop a realistic manifest ({@code .json}, or {@code .yaml} for one document)
 * into that folder and add one line to {@link #KEELSON} (our record) and one to {@link #FABRIC8}
 * (fabric8's model class, the independent reference), keyed by {@code apiVersion/kind}. {@link
 * GoldenRoundTripTest} and {@link Fabric8ReferenceTest} then pick the file up.
 */
public final class GoldenKinds {
  private GoldenKinds() {}

  /** {@code apiVersion/kind} to the Keelson record that must round-trip it. */
  public static final Map<String, Class<?>> KEELSON = new HashMap<>();

  /** {@code apiVersion/kind} to fabric8's model class for the same kind. */
  public static final Map<String, Class<?>> FABRIC8 = new HashMap<>();

  static {
    core("Pod", dev.keelson.api.core.v1.Pod.class, io.fabric8.kubernetes.api.model.Pod.class);
    core(
        "PodTemplate",
        dev.keelson.api.core.v1.PodTemplate.class,
        io.fabric8.kubernetes.api.model.PodTemplate.class);
    core("Node", dev.keelson.api.core.v1.Node.class, io.fabric8.kubernetes.api.model.Node.class);
    core(
        "Service",
        dev.keelson.api.core.v1.Service.class,
        io.fabric8.kubernetes.api.model.Service.class);
    core(
        "Endpoints",
        dev.keelson.api.core.v1.Endpoints.class,
        io.fabric8.kubernetes.api.model.Endpoints.class);
    core(
        "Namespace",
        dev.keelson.api.core.v1.Namespace.class,
        io.fabric8.kubernetes.api.model.Namespace.class);
    core(
        "ConfigMap",
        dev.keelson.api.core.v1.ConfigMap.class,
        io.fabric8.kubernetes.api.model.ConfigMap.class);
    core(
        "Secret",
        dev.keelson.api.core.v1.Secret.class,
        io.fabric8.kubernetes.api.model.Secret.class);
    core(
        "ServiceAccount",
        dev.keelson.api.core.v1.ServiceAccount.class,
        io.fabric8.kubernetes.api.model.ServiceAccount.class);
    core("Event", dev.keelson.api.core.v1.Event.class, io.fabric8.kubernetes.api.model.Event.class);
    core(
        "PersistentVolumeClaim",
        dev.keelson.api.core.v1.PersistentVolumeClaim.class,
        io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
    core(
        "Binding",
        dev.keelson.api.core.v1.Binding.class,
        io.fabric8.kubernetes.api.model.Binding.class);

    // Non-core groups (branch api-groups).
    // fabric8 writes schema numbers as Java doubles (1.0 for 1), so the CRD is compared with
    // fabric8 in apiextensions.v1.CustomResourceDefinitionFabric8Test, with numbers normalized.
    KEELSON.put(
        "apiextensions.k8s.io/v1/CustomResourceDefinition",
        dev.keelson.api.apiextensions.v1.CustomResourceDefinition.class);
    group(
        "coordination.k8s.io/v1/Lease",
        dev.keelson.api.coordination.v1.Lease.class,
        io.fabric8.kubernetes.api.model.coordination.v1.Lease.class);
    group(
        "autoscaling/v1/Scale",
        dev.keelson.api.autoscaling.v1.Scale.class,
        io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class);
    group(
        "apps/v1/Deployment",
        dev.keelson.api.apps.v1.Deployment.class,
        io.fabric8.kubernetes.api.model.apps.Deployment.class);
    group(
        "apps/v1/ReplicaSet",
        dev.keelson.api.apps.v1.ReplicaSet.class,
        io.fabric8.kubernetes.api.model.apps.ReplicaSet.class);
    group(
        "apps/v1/StatefulSet",
        dev.keelson.api.apps.v1.StatefulSet.class,
        io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
    group(
        "apps/v1/DaemonSet",
        dev.keelson.api.apps.v1.DaemonSet.class,
        io.fabric8.kubernetes.api.model.apps.DaemonSet.class);
    group(
        "apps/v1/ControllerRevision",
        dev.keelson.api.apps.v1.ControllerRevision.class,
        io.fabric8.kubernetes.api.model.apps.ControllerRevision.class);
    group(
        "batch/v1/Job",
        dev.keelson.api.batch.v1.Job.class,
        io.fabric8.kubernetes.api.model.batch.v1.Job.class);
    group(
        "batch/v1/CronJob",
        dev.keelson.api.batch.v1.CronJob.class,
        io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
    group(
        "events.k8s.io/v1/Event",
        dev.keelson.api.events.v1.Event.class,
        io.fabric8.kubernetes.api.model.events.v1.Event.class);
    core(
        "ResourceQuota",
        dev.keelson.api.core.v1.ResourceQuota.class,
        io.fabric8.kubernetes.api.model.ResourceQuota.class);
    core(
        "LimitRange",
        dev.keelson.api.core.v1.LimitRange.class,
        io.fabric8.kubernetes.api.model.LimitRange.class);
    group(
        "rbac.authorization.k8s.io/v1/Role",
        dev.keelson.api.rbac.v1.Role.class,
        io.fabric8.kubernetes.api.model.rbac.Role.class);
    group(
        "rbac.authorization.k8s.io/v1/ClusterRole",
        dev.keelson.api.rbac.v1.ClusterRole.class,
        io.fabric8.kubernetes.api.model.rbac.ClusterRole.class);
    group(
        "rbac.authorization.k8s.io/v1/RoleBinding",
        dev.keelson.api.rbac.v1.RoleBinding.class,
        io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);
    group(
        "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
        dev.keelson.api.rbac.v1.ClusterRoleBinding.class,
        io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class);
    group(
        "policy/v1/PodDisruptionBudget",
        dev.keelson.api.policy.v1.PodDisruptionBudget.class,
        io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
    group(
        "scheduling.k8s.io/v1/PriorityClass",
        dev.keelson.api.scheduling.v1.PriorityClass.class,
        io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass.class);
    group(
        "networking.k8s.io/v1/Ingress",
        dev.keelson.api.networking.v1.Ingress.class,
        io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    group(
        "networking.k8s.io/v1/IngressClass",
        dev.keelson.api.networking.v1.IngressClass.class,
        io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class);
    group(
        "networking.k8s.io/v1/NetworkPolicy",
        dev.keelson.api.networking.v1.NetworkPolicy.class,
        io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
    group(
        "discovery.k8s.io/v1/EndpointSlice",
        dev.keelson.api.discovery.v1.EndpointSlice.class,
        io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class);
  }

  private static void group(String apiVersionKind, Class<?> keelson, Class<?> fabric8) {
    KEELSON.put(apiVersionKind, keelson);
    FABRIC8.put(apiVersionKind, fabric8);
  }

  private static void core(String kind, Class<?> keelson, Class<?> fabric8) {
    KEELSON.put("v1/" + kind, keelson);
    FABRIC8.put("v1/" + kind, fabric8);
  }

  /** One golden manifest: its file name, its bytes as JSON, and its tree. */
  public record Golden(String file, byte[] json, JsonNode tree) {
    /** {@code apiVersion/kind} of the manifest. */
    public String key() {
      return tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
    }

    @Override
    public String toString() {
      return file;
    }
  }

  /** Every golden manifest, sorted by file name. YAML files are converted to JSON bytes. */
  public static List<Golden> all() {
    Path dir;
    try {
      dir = Path.of(GoldenKinds.class.getResource("/golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
          .sorted()
          .map(GoldenKinds::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Golden load(Path p) {
    try {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      JsonNode tree =
          p.toString().endsWith(".yaml")
              ? KubeJson.parseYaml(text)
              : KubeJson.parse(text.getBytes());
      return new Golden(p.getFileName().toString(), KubeJson.encode(tree), tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
