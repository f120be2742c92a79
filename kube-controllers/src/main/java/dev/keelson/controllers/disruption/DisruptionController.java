package dev.keelson.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Condition;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.policy.v1.PodDisruptionBudgetSpec;
import dev.keelson.api.policy.v1.PodDisruptionBudgetStatus;
import dev.keelson.api.selector.Selector;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kube-controller-manager's {@code disruption-controller}: each PodDisruptionBudget's status from
 * the pods its selector picks. {@code expectedPods} is the number of those pods ({@code
 * minAvailable} as a number) or the replicas of their controllers (a percentage, or {@code
 * maxUnavailable}: Deployment through its ReplicaSet, ReplicaSet, StatefulSet,
 * ReplicationController); {@code desiredHealthy} follows (percentages rounded up); {@code
 * currentHealthy} counts ready pods that are not being deleted and not in {@code disruptedPods};
 * {@code disruptionsAllowed} is the difference (at least 0); condition {@code DisruptionAllowed}
 * ({@code SufficientPods} / {@code InsufficientPods}, {@code SyncFailed} when the controllers
 * cannot be found); {@code observedGeneration}. Entries of {@code disruptedPods} (written by
 * evictions) go once their pod is deleted or after {@link #DELETION_TIMEOUT}.
 */
public final class DisruptionController implements AutoCloseable {
  /** How long an evicted pod counts as disrupted while it is not yet being deleted. */
  public static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  static final String CONDITION = "DisruptionAllowed";

  private final KubeClient client;
  private final Clock clock;
  private final SharedInformer<PodDisruptionBudget> budgets;
  private final SharedInformer<Pod> pods;
  private final Controller controller;

  public DisruptionController(KubeClient client, InformerFactory informers, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.budgets = informers.informer(PodDisruptionBudget.class);
    this.pods = informers.informer(Pod.class);
    this.controller =
        Controller.builder("disruption", this::reconcile)
            .forResource(budgets)
            .watches(pods, Mappers.<Pod>of(this::budgetsOf))
            .clock(clock)
            .build();
  }

  /** Starts the controller and its informers. */
  public void start() {
    controller.start();
    budgets.start();
    pods.start();
  }

  /** Whether the informers have synced. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  @Override
  public void close() {
    controller.close();
  }

  private Set<Request> budgetsOf(Pod pod) {
    Map<String, String> labels = pod.metadata().labels();
    return budgets.indexer().list(pod.metadata().namespace()).stream()
        .filter(b -> selects(b, labels))
        .map(Request::of)
        .collect(Collectors.toSet());
  }

  private static boolean selects(PodDisruptionBudget pdb, Map<String, String> labels) {
    if (pdb.spec() == null || pdb.spec().selector() == null) {
      return false; // policy/v1: no selector selects nothing
    }
    return Selector.fromLabelSelector(pdb.spec().selector()).matches(labels);
  }

  private Result reconcile(Request request) {
    Optional<PodDisruptionBudget> found =
        budgets.indexer().get(new ObjectKey(request.namespace(), request.name()));
    if (found.isEmpty()) {
      return Result.done();
    }
    PodDisruptionBudget pdb = found.get();
    PodDisruptionBudgetSpec spec = pdb.spec();
    List<Pod> selected =
        pods.indexer().list(request.namespace()).stream()
            .filter(p -> selects(pdb, p.metadata().labels()))
            .toList();
    Instant now = clock.instant();
    Map<String, Instant> disrupted = new TreeMap<>();
    Set<String> names = selected.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
    Instant nextExpiry = null;
    Map<String, Instant> previous = pdb.status() == null ? Map.of() : pdb.status().disruptedPods();
    for (Map.Entry<String, Instant> e : previous.entrySet()) {
      Optional<Pod> pod =
          selected.stream().filter(p -> p.metadata().name().equals(e.getKey())).findFirst();
      Instant expires = e.getValue().plus(DELETION_TIMEOUT);
      if (names.contains(e.getKey())
          && pod.get().metadata().deletionTimestamp() == null
          && expires.isAfter(now)) {
        disrupted.put(e.getKey(), e.getValue());
        nextExpiry = nextExpiry == null || expires.isBefore(nextExpiry) ? expires : nextExpiry;
      }
    }
    int currentHealthy = 0;
    for (Pod p : selected) {
      if (p.metadata().deletionTimestamp() == null
          && !disrupted.containsKey(p.metadata().name())
          && Pods.isReady(p)) {
        currentHealthy++;
      }
    }
    Integer expected;
    int desiredHealthy;
    IntOrString min = spec == null ? null : spec.minAvailable();
    IntOrString max = spec == null ? null : spec.maxUnavailable();
    if (min != null && min.isInt()) {
      expected = selected.size();
      desiredHealthy = min.intValue();
    } else {
      expected = min == null && max == null ? Integer.valueOf(selected.size()) : scale(selected);
      if (expected == null) {
        desiredHealthy = 0;
      } else if (min != null) {
        desiredHealthy = min.scaledValue(expected, true);
      } else if (max != null) {
        desiredHealthy = Math.max(0, expected - max.scaledValue(expected, true));
      } else {
        desiredHealthy = expected;
      }
    }
    boolean failed = expected == null;
    int allowed = failed ? 0 : Math.max(0, currentHealthy - desiredHealthy);
    String reason = failed ? "SyncFailed" : allowed > 0 ? "SufficientPods" : "InsufficientPods";
    PodDisruptionBudgetStatus status =
        new PodDisruptionBudgetStatus(
            pdb.metadata().generation(),
            disrupted,
            allowed,
            currentHealthy,
            desiredHealthy,
            failed ? 0 : expected,
            List.of(condition(pdb, allowed > 0, reason, now)));
    if (!status.equals(pdb.status())) {
      try {
        client
            .resources(PodDisruptionBudget.class)
            .inNamespace(request.namespace())
            .updateStatus(pdb.withStatus(status));
      } catch (NotFoundException e) {
        return Result.done();
      }
    }
    return nextExpiry == null
        ? Result.done()
        : Result.requeueAfter(Duration.between(now, nextExpiry).plusSeconds(1));
  }

  private static Condition condition(
      PodDisruptionBudget pdb, boolean allowed, String reason, Instant now) {
    String status = allowed ? "True" : "False";
    Instant since = now;
    if (pdb.status() != null) {
      for (Condition c : pdb.status().conditions()) {
        if (CONDITION.equals(c.type()) && status.equals(c.status())) {
          since = c.lastTransitionTime() == null ? now : c.lastTransitionTime();
        }
      }
    }
    return new Condition(CONDITION, status, pdb.metadata().generation(), since, reason, "");
  }

  /**
   * The replicas the controllers of {@code pods} want, or {@code null} if a pod has no controller
   * or its controller cannot be read.
   */
  private Integer scale(List<Pod> pods) {
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Pod p : pods) {
      OwnerReference ref = ControllerRefs.controllerOf(p.metadata());
      if (ref == null) {
        return null;
      }
      if (!seen.add(ref.uid())) {
        continue;
      }
      Integer replicas = replicas(p.metadata().namespace(), ref, seen);
      if (replicas == null) {
        return null;
      }
      total += replicas;
    }
    return total;
  }

  /** The owner's replicas (a ReplicaSet's Deployment's, counted once), or null if unreadable. */
  private Integer replicas(String ns, OwnerReference ref, Set<String> seen) {
    try {
      GenericObject owner =
          client.generic(ref.apiVersion(), ref.kind()).inNamespace(ns).get(ref.name());
      JsonNode tree = KubeJson.toTree(owner);
      if (ref.kind().equals("ReplicaSet")) {
        for (JsonNode o : tree.path("metadata").path("ownerReferences")) {
          if (o.path("controller").asBoolean(false)
              && o.path("kind").asText().equals("Deployment")) {
            if (!seen.add(o.path("uid").asText())) {
              return 0; // another ReplicaSet of the same Deployment
            }
            GenericObject d =
                client
                    .generic(o.path("apiVersion").asText(), "Deployment")
                    .inNamespace(ns)
                    .get(o.path("name").asText());
            return KubeJson.toTree(d).path("spec").path("replicas").asInt(1);
          }
        }
      }
      JsonNode replicas = tree.path("spec").path("replicas");
      return replicas.isMissingNode() ? 1 : replicas.asInt();
    } catch (NotFoundException | IllegalArgumentException e) {
      return null;
    }
  }
}
