package dev.keelson.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentStrategy;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.RollingUpdateDeployment;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.IntOrString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' {@code deployment/util} rules: annotations, revisions, the pod-template-hash,
 * maxSurge/maxUnavailable fenceposts and the orders ReplicaSets are scaled in.
 */
public final class DeploymentUtil {
  private DeploymentUtil() {}

  /** The label (and selector requirement) that tells the ReplicaSets of one Deployment apart. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  /** The revision of a ReplicaSet (and of the Deployment: that of its newest ReplicaSet). */
  public static final String REVISION = "deployment.kubernetes.io/revision";

  /** The revisions a ReplicaSet had before (it was rolled back to), comma separated. */
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";

  /** The Deployment's replicas when the ReplicaSet was last scaled. */
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";

  /** The Deployment's replicas plus maxSurge when the ReplicaSet was last scaled. */
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  /** Deployment annotations that are not copied to its ReplicaSets. */
  static final List<String> NOT_COPIED =
      List.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION,
          REVISION_HISTORY,
          DESIRED_REPLICAS,
          MAX_REPLICAS,
          "deprecated.deployment.rollback.to");

  private static final String SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  /** {@code spec.replicas}, 1 when absent (the API server's default). */
  public static int replicas(Deployment d) {
    Integer r = d.spec().replicas();
    return r == null ? 1 : r;
  }

  /** {@code spec.replicas} of a ReplicaSet, 1 when absent. */
  public static int replicas(ReplicaSet rs) {
    Integer r = rs.spec().replicas();
    return r == null ? 1 : r;
  }

  static boolean isRollingUpdate(Deployment d) {
    DeploymentStrategy s = d.spec().strategy();
    return s == null || s.type() == null || "RollingUpdate".equals(s.type());
  }

  static boolean isRecreate(Deployment d) {
    DeploymentStrategy s = d.spec().strategy();
    return s != null && "Recreate".equals(s.type());
  }

  /**
   * maxSurge and maxUnavailable of {@code desired} replicas ({@code ResolveFenceposts}):
   * percentages of surge round up, of unavailability down; both 0 makes unavailability 1.
   *
   * @return {surge, unavailable}
   */
  public static int[] resolveFenceposts(
      IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
    IntOrString s = maxSurge == null ? IntOrString.of("25%") : maxSurge;
    IntOrString u = maxUnavailable == null ? IntOrString.of("25%") : maxUnavailable;
    int surge = s.scaledValue(desired, true);
    int unavailable = u.scaledValue(desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  /** The Deployment's maxSurge in pods (0 unless RollingUpdate). */
  public static int maxSurge(Deployment d) {
    if (!isRollingUpdate(d)) {
      return 0;
    }
    RollingUpdateDeployment ru = rollingUpdate(d);
    return resolveFenceposts(ru.maxSurge(), ru.maxUnavailable(), replicas(d))[0];
  }

  /** The Deployment's maxUnavailable in pods, at most its replicas (0 unless RollingUpdate). */
  public static int maxUnavailable(Deployment d) {
    if (!isRollingUpdate(d) || replicas(d) == 0) {
      return 0;
    }
    RollingUpdateDeployment ru = rollingUpdate(d);
    int u = resolveFenceposts(ru.maxSurge(), ru.maxUnavailable(), replicas(d))[1];
    return Math.min(u, replicas(d));
  }

  private static RollingUpdateDeployment rollingUpdate(Deployment d) {
    DeploymentStrategy s = d.spec().strategy();
    RollingUpdateDeployment ru = s == null ? null : s.rollingUpdate();
    return ru == null ? new RollingUpdateDeployment(null, null) : ru;
  }

  /** The revision annotation of {@code rs} as a number; 0 when absent or not a number. */
  public static long revision(ReplicaSet rs) {
    return parseRevision(rs.metadata().annotation(REVISION));
  }

  static long parseRevision(String v) {
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long maxRevision(List<ReplicaSet> sets) {
    long max = 0;
    for (ReplicaSet rs : sets) {
      max = Math.max(max, revision(rs));
    }
    return max;
  }

  /**
   * The pod-template-hash of a template: FNV-1a (32 bit) of its canonical JSON (keys sorted), then
   * of {@code collisionCount} (4 bytes, little-endian) when set, written in Kubernetes' safe
   * alphabet (no vowels). The value differs from Kubernetes' (which hashes Go's printed form of the
   * struct) but has the same shape and role.
   */
  public static String templateHash(PodTemplateSpec template, Integer collisionCount) {
    byte[] bytes = canonical(KubeJson.toTree(template)).getBytes(StandardCharsets.UTF_8);
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    if (collisionCount != null) {
      int c = collisionCount;
      for (int i = 0; i < 4; i++) {
        h ^= (c >>> (8 * i)) & 0xff;
        h *= 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(h));
    StringBuilder out = new StringBuilder(decimal.length());
    for (char ch : decimal.toCharArray()) {
      out.append(SAFE_ALPHANUMS.charAt(ch % SAFE_ALPHANUMS.length()));
    }
    return out.toString();
  }

  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(KubeJson.encodeToString(e.getKey())).append(':').append(canonical(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(canonical(node.get(i)));
      }
      return b.append(']').toString();
    }
    return node.toString();
  }

  /**
   * Whether two templates are equal but for the pod-template-hash label ({@code EqualIgnoreHash}).
   * Equality is semantic, as Kubernetes' {@code apiequality.Semantic.DeepEqual}: an absent field,
   * an empty object ({@code resources: {}}) and an empty list are the same. Without that, {@code
   * kubectl rollout undo} (whose patch spells out {@code resources: {}}) would start a new
   * ReplicaSet instead of scaling the old one up again.
   */
  public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
    return withoutEmpty(withoutHash(a)).equals(withoutEmpty(withoutHash(b)));
  }

  /** {@code node} without empty objects, empty arrays and nulls, at any depth. */
  private static JsonNode withoutEmpty(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = withoutEmpty(e.getValue());
        if (v.isNull() || (v.isContainerNode() && v.isEmpty())) {
          it.remove();
        }
      }
    } else if (node.isArray()) {
      node.forEach(DeploymentUtil::withoutEmpty);
    }
    return node;
  }

  private static JsonNode withoutHash(PodTemplateSpec t) {
    JsonNode tree = KubeJson.toTree(t);
    JsonNode labels = tree.path("metadata").path("labels");
    if (labels instanceof ObjectNode o) {
      o.remove(POD_TEMPLATE_HASH);
      if (o.isEmpty()) {
        ((ObjectNode) tree.get("metadata")).remove("labels");
      }
    }
    JsonNode meta = tree.path("metadata");
    if (meta instanceof ObjectNode m && m.isEmpty()) {
      ((ObjectNode) tree).remove("metadata");
    }
    return tree;
  }

  static Instant created(ReplicaSet rs) {
    Instant t = rs.metadata().creationTimestamp();
    return t == null ? Instant.EPOCH : t;
  }

  /** Oldest first; ties by name ({@code ReplicaSetsByCreationTimestamp}). */
  static final Comparator<ReplicaSet> BY_CREATION =
      Comparator.comparing(DeploymentUtil::created).thenComparing(rs -> rs.metadata().name());

  /** Lowest revision first; ties oldest first ({@code ReplicaSetsByRevision}). */
  static final Comparator<ReplicaSet> BY_REVISION =
      Comparator.comparingLong(DeploymentUtil::revision).thenComparing(BY_CREATION);

  /** Largest first; ties newest first ({@code ReplicaSetsBySizeNewer}). */
  static final Comparator<ReplicaSet> BY_SIZE_NEWER =
      Comparator.comparingInt((ReplicaSet rs) -> -replicas(rs))
          .thenComparing(BY_CREATION.reversed());

  /** Largest first; ties oldest first ({@code ReplicaSetsBySizeOlder}). */
  static final Comparator<ReplicaSet> BY_SIZE_OLDER =
      Comparator.comparingInt((ReplicaSet rs) -> -replicas(rs)).thenComparing(BY_CREATION);

  static int specSum(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(DeploymentUtil::replicas).sum();
  }

  static int statusReplicas(ReplicaSet rs) {
    return rs.status() == null || rs.status().replicas() == null ? 0 : rs.status().replicas();
  }

  static int readyReplicas(ReplicaSet rs) {
    return rs.status() == null || rs.status().readyReplicas() == null
        ? 0
        : rs.status().readyReplicas();
  }

  static int availableReplicas(ReplicaSet rs) {
    return rs.status() == null || rs.status().availableReplicas() == null
        ? 0
        : rs.status().availableReplicas();
  }

  /** The desired-replicas annotation, or -1 when absent or not a number. */
  static int desiredAnnotation(ReplicaSet rs) {
    return intAnnotation(rs, DESIRED_REPLICAS);
  }

  static int maxReplicasAnnotation(ReplicaSet rs) {
    return intAnnotation(rs, MAX_REPLICAS);
  }

  private static int intAnnotation(ReplicaSet rs, String key) {
    String v = rs.metadata().annotation(key);
    if (v == null) {
      return -1;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
