package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.registry.ResourceType;

/**
 * Defaulting of built-in kinds on create, as Kubernetes' SetDefaults functions do: namespaces, pods
 * (and pod templates), services, limit ranges, deployments, replica sets, stateful sets, daemon
 * sets, jobs and cron jobs, role bindings, priority classes, network policies and ingress classes
 * (see {@link PolicyDefaults}); pods also get the tolerations of the DefaultTolerationSeconds
 * admission plugin. Defaults on update (a field cleared by a later write) are not applied yet.
 */
final class Defaults {
  private Defaults() {}

  /**
   * Whether {@code metadata.generation} counts changes of the desired state: workloads, policy,
   * networking and scheduling kinds and custom resources, as their Kubernetes strategies do; not
   * core kinds, RBAC kinds, events, leases or endpoint slices.
   */
  static boolean tracksGeneration(ResourceType type) {
    if (type.group().isEmpty() || type.group().equals("rbac.authorization.k8s.io")) {
      return false;
    }
    return switch (type.plural()) {
      case "leases", "events", "endpointslices", "controllerrevisions" -> false;
      default -> true;
    };
  }

  static void onCreate(ResourceType type, ObjectNode obj, boolean hasStatusSubresource) {
    // Status is written through the status subresource only, except a Node's: Kubernetes lets a
    // node register with its status (capacity, addresses) in the create, as kubelet does.
    if (hasStatusSubresource && !(type.group().isEmpty() && type.plural().equals("nodes"))) {
      obj.remove("status");
    }
    switch (type.group()) {
      case "apps" -> workload(type.plural(), obj);
      case "batch" -> batch(type.plural(), obj);
      default -> PolicyDefaults.onCreate(type, obj);
    }
    if (!type.group().isEmpty()) {
      return;
    }
    switch (type.plural()) {
      case "namespaces" -> {
        ObjectNode spec = object(obj, "spec");
        if (!spec.has("finalizers")) {
          spec.putArray("finalizers").add("kubernetes");
        }
        object(obj, "status").put("phase", "Active");
      }
      case "pods" -> pod(obj);
      case "services" -> service(obj);
      case "secrets" -> putIfAbsent(obj, "type", "Opaque"); // SetDefaults_Secret
      case "limitranges" -> PolicyDefaults.limitRange(obj);
      default -> {}
    }
  }

  /** apps/v1 defaults (SetDefaults_Deployment, _ReplicaSet, _StatefulSet, _DaemonSet). */
  private static void workload(String plural, ObjectNode obj) {
    ObjectNode spec = object(obj, "spec");
    switch (plural) {
      case "deployments" -> {
        putIfAbsent(spec, "replicas", 1);
        ObjectNode strategy = object(spec, "strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          ObjectNode ru = object(strategy, "rollingUpdate");
          putIfAbsent(ru, "maxUnavailable", "25%");
          putIfAbsent(ru, "maxSurge", "25%");
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
      }
      case "replicasets" -> putIfAbsent(spec, "replicas", 1);
      case "statefulsets" -> {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = object(spec, "updateStrategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          putIfAbsent(object(strategy, "rollingUpdate"), "partition", 0);
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
        putIfAbsent(retention, "whenDeleted", "Retain");
        putIfAbsent(retention, "whenScaled", "Retain");
      }
      case "daemonsets" -> {
        ObjectNode strategy = object(spec, "updateStrategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
          ObjectNode ru = object(strategy, "rollingUpdate");
          putIfAbsent(ru, "maxUnavailable", 1);
          putIfAbsent(ru, "maxSurge", 0);
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
      }
      default -> {
        return;
      }
    }
    podTemplate(spec);
  }

  /** batch/v1 defaults (SetDefaults_Job, SetDefaults_CronJob). */
  private static void batch(String plural, ObjectNode obj) {
    ObjectNode spec = object(obj, "spec");
    if (plural.equals("jobs")) {
      job(spec);
      if (!spec.path("manualSelector").asBoolean(false)) {
        generateJobSelector(obj, spec);
      }
    } else if (plural.equals("cronjobs")) {
      putIfAbsent(spec, "concurrencyPolicy", "Allow");
      putIfAbsent(spec, "suspend", false);
      putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
      putIfAbsent(spec, "failedJobsHistoryLimit", 1);
      job(object(object(spec, "jobTemplate"), "spec"));
    }
  }

  /**
   * Kubernetes' generated job selector: the template gets the job-name and controller-uid labels
   * (legacy and {@code batch.kubernetes.io/} forms) unless set, and the selector matches the
   * controller uid.
   */
  private static void generateJobSelector(ObjectNode job, ObjectNode spec) {
    String name = job.path("metadata").path("name").asText("");
    String uid = job.path("metadata").path("uid").asText("");
    ObjectNode labels = object(object(object(spec, "template"), "metadata"), "labels");
    for (String key : new String[] {"job-name", "batch.kubernetes.io/job-name"}) {
      putIfAbsent(labels, key, name);
    }
    for (String key : new String[] {"controller-uid", "batch.kubernetes.io/controller-uid"}) {
      putIfAbsent(labels, key, uid);
    }
    ObjectNode matchLabels = object(object(spec, "selector"), "matchLabels");
    putIfAbsent(matchLabels, "batch.kubernetes.io/controller-uid", uid);
  }

  private static void job(ObjectNode spec) {
    boolean noCounts = !spec.has("completions") && !spec.has("parallelism");
    if (noCounts) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    putIfAbsent(spec, "parallelism", 1);
    putIfAbsent(spec, "backoffLimit", 6);
    putIfAbsent(spec, "completionMode", "NonIndexed");
    putIfAbsent(spec, "suspend", false);
    putIfAbsent(spec, "manualSelector", false);
    podTemplate(spec);
  }

  /** The pod defaults inside a template. */
  private static void podTemplate(ObjectNode spec) {
    JsonNode template = spec.get("template");
    if (template instanceof ObjectNode t && t.get("spec") instanceof ObjectNode podSpec) {
      podSpec(podSpec);
    }
  }

  /** core/v1 Service defaults: type, session affinity, port protocol and target port. */
  private static void service(ObjectNode svc) {
    ObjectNode spec = object(svc, "spec");
    putIfAbsent(spec, "type", "ClusterIP");
    putIfAbsent(spec, "sessionAffinity", "None");
    putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    for (JsonNode p : spec.path("ports")) {
      if (p instanceof ObjectNode port) {
        putIfAbsent(port, "protocol", "TCP");
        if (!port.has("targetPort") && port.has("port")) {
          port.set("targetPort", port.get("port"));
        }
      }
    }
  }

  private static void pod(ObjectNode pod) {
    ObjectNode spec = object(pod, "spec");
    podSpec(spec);
    defaultTolerationSeconds(spec);
    object(pod, "status").put("phase", "Pending");
  }

  /**
   * Seconds of the tolerations the DefaultTolerationSeconds admission plugin adds (its default).
   */
  static final long DEFAULT_TOLERATION_SECONDS = 300;

  /**
   * The DefaultTolerationSeconds admission plugin: a pod that does not tolerate the {@code
   * node.kubernetes.io/not-ready:NoExecute} (or {@code unreachable}) taint gets a toleration of it
   * for 300 s, so that a node failure evicts it after five minutes rather than at once. A
   * toleration with that key (or no key) and effect {@code NoExecute} (or no effect) counts.
   */
  private static void defaultTolerationSeconds(ObjectNode spec) {
    boolean notReady = false;
    boolean unreachable = false;
    for (JsonNode t : spec.path("tolerations")) {
      String key = t.path("key").asText("");
      String effect = t.path("effect").asText("");
      if (!effect.isEmpty() && !effect.equals("NoExecute")) {
        continue;
      }
      notReady |= key.isEmpty() || key.equals("node.kubernetes.io/not-ready");
      unreachable |= key.isEmpty() || key.equals("node.kubernetes.io/unreachable");
    }
    if (notReady && unreachable) {
      return;
    }
    JsonNode existing = spec.get("tolerations");
    ArrayNode tolerations = existing instanceof ArrayNode a ? a : spec.putArray("tolerations");
    for (String key :
        new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
      if (key.endsWith("not-ready") ? notReady : unreachable) {
        continue;
      }
      ObjectNode t = tolerations.addObject();
      t.put("key", key);
      t.put("operator", "Exists");
      t.put("effect", "NoExecute");
      t.put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
    }
  }

  private static void podSpec(ObjectNode spec) {
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    if (!spec.has("terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30);
    }
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
          putIfAbsent(container, "terminationMessagePolicy", "File");
          putIfAbsent(container, "imagePullPolicy", pullPolicy(container.path("image").asText("")));
          for (JsonNode p : container.path("ports")) {
            if (p instanceof ObjectNode port) {
              putIfAbsent(port, "protocol", "TCP");
            }
          }
        }
      }
    }
  }

  /** {@code Always} for {@code :latest} or untagged images, {@code IfNotPresent} otherwise. */
  static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent"; // pinned by digest
    }
    boolean tagged = image.lastIndexOf(':') > image.lastIndexOf('/');
    return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, boolean value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field) || node.get(field).asText().isEmpty()) {
      node.put(field, value);
    }
  }
}
