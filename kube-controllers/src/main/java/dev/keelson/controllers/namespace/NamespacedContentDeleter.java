package dev.keelson.controllers.namespace;

import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceCondition;
import dev.keelson.api.core.v1.NamespaceSpec;
import dev.keelson.api.core.v1.NamespaceStatus;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.Discovery;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties one terminating namespace, as kube-controller-manager's {@code
 * namespacedResourcesDeleter}: phase {@code Terminating}, then for every namespaced resource that
 * discovery lists with the {@code delete} verb a {@code deletecollection} (or a list and a delete
 * of each item) with propagation {@code Background}, then a list of what remains; status conditions
 * report the outcome; once nothing remains the finalizer token leaves {@code spec.finalizers}
 * through {@code finalize}.
 */
final class NamespacedContentDeleter {
  private static final Logger log = LoggerFactory.getLogger(NamespacedContentDeleter.class);

  /** The finalizer token of the namespace controller. */
  static final String FINALIZER = "kubernetes";

  /** How long to assume finalizers of remaining objects need (kube-controller-manager's 15 s). */
  static final long FINALIZER_ESTIMATE_SECONDS = 15;

  private static final int PAGE = 500;
  private static final int MAX_CONFLICT_RETRIES = 10;
  private static final DeleteOptions BACKGROUND =
      new DeleteOptions(null, null, null, null, null, "Background", null);

  private final KubeClient client;
  private final Clock clock;

  NamespacedContentDeleter(KubeClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * One pass over a namespace.
   *
   * @return the estimated seconds until the remaining content is gone; 0 when the namespace was
   *     finalized (or needs nothing)
   * @throws RuntimeException when a step failed (retried with backoff)
   */
  long delete(String name) {
    Namespace ns;
    try {
      ns = namespaces().get(name);
    } catch (NotFoundException e) {
      return 0;
    }
    if (ns.metadata().deletionTimestamp() == null) {
      return 0;
    }
    ns = retryOnConflict(ns, this::markTerminating);
    if (ns == null || ns.metadata().deletionTimestamp() == null) {
      return 0;
    }
    if (finalizers(ns).isEmpty()) {
      return 0;
    }
    long estimate = deleteAllContent(ns);
    if (estimate > 0) {
      return estimate;
    }
    retryOnConflict(ns, this::finalizeNamespace);
    return 0;
  }

  private Resources<Namespace> namespaces() {
    return client.resources(Namespace.class);
  }

  private static List<String> finalizers(Namespace ns) {
    return ns.spec() == null ? List.of() : ns.spec().finalizers();
  }

  private Namespace markTerminating(Namespace ns) {
    if (ns.status() != null && "Terminating".equals(ns.status().phase())) {
      return ns;
    }
    NamespaceStatus status =
        ns.status() == null
            ? new NamespaceStatus("Terminating", List.of())
            : ns.status().withPhase("Terminating");
    return namespaces().updateStatus(ns.withStatus(status));
  }

  private Namespace finalizeNamespace(Namespace ns) {
    List<String> kept = new ArrayList<>();
    for (String f : finalizers(ns)) {
      if (!f.equals(FINALIZER) && !kept.contains(f)) {
        kept.add(f);
      }
    }
    kept.sort(null);
    try {
      return namespaces().updateSubresource(ns.withSpec(new NamespaceSpec(kept)), "finalize");
    } catch (NotFoundException e) {
      return null; // removed already
    }
  }

  /** Retries {@code fn} on conflicts with the latest namespace; null if it is gone. */
  private Namespace retryOnConflict(Namespace ns, UnaryOperator<Namespace> fn) {
    Namespace latest = ns;
    for (int attempt = 0; ; attempt++) {
      try {
        return fn.apply(latest);
      } catch (NotFoundException e) {
        return null;
      } catch (ConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
        Namespace again;
        try {
          again = namespaces().get(latest.metadata().name());
        } catch (NotFoundException gone) {
          return null;
        }
        if (!Objects.equals(again.metadata().uid(), latest.metadata().uid())) {
          throw new IllegalStateException("namespace uid has changed across retries");
        }
        latest = again;
      }
    }
  }

  /** What one resource left behind. */
  private record Remaining(long estimate, int count, Map<String, Integer> finalizers) {}

  private long deleteAllContent(Namespace ns) {
    String name = ns.metadata().name();
    Instant deletedAt = ns.metadata().deletionTimestamp();
    NamespaceConditions conditions = new NamespaceConditions(clock.instant());
    List<String> errors = new ArrayList<>();
    List<ResourceType> resources = List.of();
    try {
      Discovery.Result found = client.discovery().preferredResources();
      resources = found.resources();
      Map<String, String> failed = new LinkedHashMap<>();
      Map<String, String> unparsable = new TreeMap<>();
      found
          .failedGroups()
          .forEach(
              (gv, err) -> {
                if (err.startsWith("unexpected GroupVersion string")) {
                  unparsable.put(gv, err);
                } else {
                  failed.put(gv, err);
                }
              });
      if (!failed.isEmpty()) {
        conditions.discoveryFailedGroups(failed);
        errors.add("discovery failed for " + failed.keySet());
      }
      if (!unparsable.isEmpty()) {
        conditions.groupVersionsUnparsable(String.join(", ", unparsable.values()));
        errors.add(String.join(", ", unparsable.values()));
      }
    } catch (ApiException e) {
      conditions.discoveryFailed(e.getMessage());
      errors.add(e.getMessage());
    }
    long estimate = 0;
    Map<String, Integer> perResource = new TreeMap<>();
    Map<String, Integer> perFinalizer = new TreeMap<>();
    for (ResourceType type : resources) {
      if (!type.namespaced() || !type.verbs().contains("delete")) {
        continue;
      }
      Remaining left;
      try {
        left = deleteAllOf(type, name, deletedAt);
      } catch (RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        conditions.contentError(msg);
        errors.add(msg);
        continue;
      }
      estimate = Math.max(estimate, left.estimate());
      if (left.count() > 0) {
        perResource.put(type.plural() + "." + type.group(), left.count());
        left.finalizers().forEach((f, n) -> perFinalizer.merge(f, n, Integer::sum));
      }
    }
    conditions.remaining(perResource, perFinalizer);
    updateConditions(ns, conditions);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "deleting the content of namespace " + name + " failed: " + String.join("; ", errors));
    }
    return estimate;
  }

  private void updateConditions(Namespace ns, NamespaceConditions conditions) {
    List<NamespaceCondition> current = ns.status() == null ? List.of() : ns.status().conditions();
    List<NamespaceCondition> next = conditions.apply(current);
    if (next.equals(current)) {
      return;
    }
    try {
      Namespace latest = namespaces().get(ns.metadata().name());
      NamespaceStatus status =
          latest.status() == null
              ? new NamespaceStatus("Terminating", next)
              : latest.status().withConditions(next);
      namespaces().updateStatus(latest.withStatus(status));
    } catch (ApiException e) {
      log.warn(
          "couldn't update status condition for namespace {}: {}",
          ns.metadata().name(),
          e.getMessage());
    }
  }

  private Remaining deleteAllOf(ResourceType type, String namespace, Instant deletedAt) {
    Resources<GenericObject> objects = client.generic(type).inNamespace(namespace);
    long estimate = estimate(type, namespace, deletedAt);
    boolean collected = false;
    if (type.verbs().contains("deletecollection")) {
      try {
        objects.deleteCollection(ListOptions.none(), BACKGROUND);
        collected = true;
      } catch (MethodNotAllowedException | NotFoundException e) {
        // not supported after all: one by one
      }
    }
    if (!collected && type.verbs().contains("list")) {
      try {
        for (Iterator<GenericObject> it = listAll(objects); it.hasNext(); ) {
          GenericObject o = it.next();
          try {
            objects.delete(o.metadata().name(), BACKGROUND);
          } catch (NotFoundException | MethodNotAllowedException e) {
            // gone meanwhile, or not deletable
          }
        }
      } catch (NotFoundException | MethodNotAllowedException e) {
        // listing is not supported after all
      }
    }
    if (!type.verbs().contains("list")) {
      return new Remaining(estimate, 0, Map.of());
    }
    int count = 0;
    Map<String, Integer> finalizers = new TreeMap<>();
    try {
      for (Iterator<GenericObject> it = listAll(objects); it.hasNext(); ) {
        ObjectMeta m = it.next().metadata();
        count++;
        if (m != null) {
          for (String f : m.finalizers()) {
            finalizers.merge(f, 1, Integer::sum);
          }
        }
      }
    } catch (NotFoundException | MethodNotAllowedException e) {
      return new Remaining(estimate, 0, Map.of());
    }
    if (count == 0) {
      return new Remaining(0, 0, Map.of());
    }
    if (estimate != 0) {
      return new Remaining(estimate, count, finalizers);
    }
    if (!finalizers.isEmpty()) {
      return new Remaining(FINALIZER_ESTIMATE_SECONDS, count, finalizers);
    }
    throw new IllegalStateException(
        "unexpected items still remain in namespace: "
            + namespace
            + " for gvr: "
            + type.group()
            + "/"
            + type.version()
            + ", Resource="
            + type.plural());
  }

  private static Iterator<GenericObject> listAll(Resources<GenericObject> objects) {
    return objects.listAll(ListOptions.builder().limit((long) PAGE).build()).iterator();
  }

  /**
   * How long the pods of the namespace may still take to terminate (their largest grace period,
   * terminal pods left out), or 0 once that much time has passed since the namespace's deletion.
   */
  private long estimate(ResourceType type, String namespace, Instant deletedAt) {
    if (!type.group().isEmpty() || !type.plural().equals("pods")) {
      return 0;
    }
    long estimate = 0;
    for (Iterator<Pod> it =
            client
                .resources(Pod.class)
                .inNamespace(namespace)
                .listAll(ListOptions.builder().limit((long) PAGE).build())
                .iterator();
        it.hasNext(); ) {
      Pod p = it.next();
      String phase = p.status() == null ? null : p.status().phase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      Long grace = p.spec() == null ? null : p.spec().terminationGracePeriodSeconds();
      if (grace != null && grace > estimate) {
        estimate = grace;
      }
    }
    Duration since = Duration.between(deletedAt, clock.instant());
    if (since.compareTo(Duration.ofSeconds(estimate)) >= 0) {
      return 0;
    }
    return estimate;
  }
}
