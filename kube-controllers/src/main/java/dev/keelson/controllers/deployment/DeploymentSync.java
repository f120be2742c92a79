package dev.keelson.controllers.deployment;

import static dev.keelson.controllers.deployment.DeploymentUtil.BY_CREATION;
import static dev.keelson.controllers.deployment.DeploymentUtil.BY_REVISION;
import static dev.keelson.controllers.deployment.DeploymentUtil.BY_SIZE_NEWER;
import static dev.keelson.controllers.deployment.DeploymentUtil.BY_SIZE_OLDER;
import static dev.keelson.controllers.deployment.DeploymentUtil.availableReplicas;
import static dev.keelson.controllers.deployment.DeploymentUtil.maxSurge;
import static dev.keelson.controllers.deployment.DeploymentUtil.maxUnavailable;
import static dev.keelson.controllers.deployment.DeploymentUtil.replicas;
import static dev.keelson.controllers.deployment.DeploymentUtil.specSum;
import static dev.keelson.controllers.deployment.DeploymentUtil.statusReplicas;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentCondition;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.apps.v1.DeploymentStatusBuilder;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetBuilder;
import dev.keelson.api.apps.v1.ReplicaSetSpecBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.cache.Indexer;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRefManager;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One pass of the Deployment controller over one Deployment ({@code syncDeployment}). */
final class DeploymentSync implements Reconciler {
  private final KubeClient client;
  private final Indexer<Deployment> deployments;
  private final Indexer<ReplicaSet> replicaSets;
  private final Indexer<Pod> pods;
  private final EventRecorder events;
  private final Clock clock;

  /**
   * The resourceVersion this controller last wrote per object uid (Deployments and ReplicaSets),
   * until the informer shows it: a pass on a cache older than the controller's own writes would
   * only conflict (or, worse, decide on stale sizes), so it waits for the write's event instead.
   */
  private final Map<String, Long> written = new ConcurrentHashMap<>();

  private static final int MAX_TRACKED_WRITES = 100_000;

  DeploymentSync(
      KubeClient client,
      Indexer<Deployment> deployments,
      Indexer<ReplicaSet> replicaSets,
      Indexer<Pod> pods,
      EventRecorder events,
      Clock clock) {
    this.client = client;
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.events = events;
    this.clock = clock;
  }

  /** The state of one pass: the Deployment and its ReplicaSets as last written. */
  private final class Pass {
    Deployment d;
    final Map<String, ReplicaSet> sets = new LinkedHashMap<>(); // by uid
    Result result = Result.done();
    final Resources<ReplicaSet> rsApi;
    final Resources<Deployment> dApi;

    Pass(Deployment d, List<ReplicaSet> claimed) {
      this.d = d;
      claimed.forEach(rs -> sets.put(rs.metadata().uid(), rs));
      String ns = d.metadata().namespace();
      this.rsApi = client.resources(ReplicaSet.class).inNamespace(ns);
      this.dApi = client.resources(Deployment.class).inNamespace(ns);
    }

    List<ReplicaSet> all() {
      return new ArrayList<>(sets.values());
    }

    ReplicaSet latest(ReplicaSet rs) {
      return rs == null ? null : sets.getOrDefault(rs.metadata().uid(), rs);
    }

    List<ReplicaSet> latest(List<ReplicaSet> list) {
      return list.stream().map(this::latest).toList();
    }

    ReplicaSet write(ReplicaSet rs) {
      ReplicaSet out = rsApi.update(rs);
      remember(out);
      sets.put(out.metadata().uid(), out);
      return out;
    }

    void writeStatus(DeploymentStatus status) {
      if (Objects.equals(d.status(), status)) {
        return;
      }
      d = dApi.updateStatus(d.withStatus(status));
      remember(d);
    }

    void writeAnnotations(Map<String, String> annotations) {
      d = dApi.update(d.withMetadata(d.metadata().withAnnotations(annotations)));
      remember(d);
    }

    List<DeploymentCondition> conditions() {
      return d.status() == null ? new ArrayList<>() : new ArrayList<>(d.status().conditions());
    }

    DeploymentStatus statusWith(List<DeploymentCondition> conditions) {
      DeploymentStatus s =
          d.status() == null ? DeploymentStatusBuilder.builder().build() : d.status();
      return s.withConditions(conditions);
    }
  }

  private void remember(dev.keelson.api.KubernetesObject o) {
    Long rv = rv(o);
    if (rv != null) {
      if (written.size() >= MAX_TRACKED_WRITES) {
        written.clear(); // objects deleted before their write showed: forget them all
      }
      written.put(o.metadata().uid(), rv);
    }
  }

  private static Long rv(dev.keelson.api.KubernetesObject o) {
    try {
      return Long.parseLong(o.metadata().resourceVersion());
    } catch (RuntimeException e) {
      return null; // not a number: no staleness check
    }
  }

  /** Whether the cache shows every write of this controller to {@code o}. */
  private boolean caughtUp(dev.keelson.api.KubernetesObject o) {
    Long mine = written.get(o.metadata().uid());
    if (mine == null) {
      return true;
    }
    Long cached = rv(o);
    if (cached == null || cached >= mine) {
      written.remove(o.metadata().uid(), mine);
      return true;
    }
    return false;
  }

  /** The new ReplicaSet (or null) and all the old ones. */
  private record Sets(ReplicaSet newRs, List<ReplicaSet> old) {
    List<ReplicaSet> all() {
      List<ReplicaSet> all = new ArrayList<>(old);
      if (newRs != null) {
        all.add(newRs);
      }
      return all;
    }
  }

  @Override
  public Result reconcile(Request request) throws Exception {
    Optional<Deployment> cached = deployments.get(request.namespace(), request.name());
    if (cached.isEmpty()) {
      return Result.done();
    }
    Deployment d = cached.get();
    if (!caughtUp(d)) {
      return Result.done(); // the event of our own write queues the Deployment again
    }
    LabelSelector ls = d.spec().selector();
    if (ls == null || (ls.matchLabels().isEmpty() && ls.matchExpressions().isEmpty())) {
      // Selecting everything is refused, as Kubernetes does; only observe the generation.
      long observed =
          d.status() == null || d.status().observedGeneration() == null
              ? 0
              : d.status().observedGeneration();
      if (d.metadata().generation() != null && observed < d.metadata().generation()) {
        Pass p = new Pass(d, List.of());
        p.writeStatus(
            p.statusWith(p.conditions()).withObservedGeneration(d.metadata().generation()));
      }
      return Result.done();
    }
    Selector selector;
    try {
      selector = Selector.fromLabelSelector(ls);
    } catch (IllegalArgumentException e) {
      return Result.done();
    }
    String ns = request.namespace();
    List<ReplicaSet> claimed =
        new ControllerRefManager<>(
                d, selector, client.resources(ReplicaSet.class).inNamespace(ns), () -> canAdopt(d))
            .claim(replicaSets.list(ns));
    for (ReplicaSet rs : claimed) {
      if (!caughtUp(rs)) {
        return Result.done(); // the ReplicaSet's update event queues the Deployment again
      }
    }
    Pass p = new Pass(d, claimed);
    if (d.metadata().deletionTimestamp() != null) {
      Sets s = getAllAndSyncRevision(p, false);
      syncDeploymentStatus(p, s);
      return Result.done();
    }
    checkPausedConditions(p);
    if (Boolean.TRUE.equals(p.d.spec().paused())) {
      sync(p);
      return p.result;
    }
    if (isScalingEvent(p)) {
      sync(p);
      return p.result;
    }
    if (DeploymentUtil.isRecreate(p.d)) {
      rolloutRecreate(p, selector);
    } else {
      rolloutRolling(p);
    }
    return p.result;
  }

  private boolean canAdopt(Deployment d) {
    try {
      Deployment fresh =
          client
              .resources(Deployment.class)
              .inNamespace(d.metadata().namespace())
              .get(d.metadata().name());
      return Objects.equals(fresh.metadata().uid(), d.metadata().uid())
          && fresh.metadata().deletionTimestamp() == null;
    } catch (NotFoundException e) {
      return false;
    }
  }

  // ---- new and old ReplicaSets, revisions -------------------------------------------------

  private Sets getAllAndSyncRevision(Pass p, boolean create) {
    List<ReplicaSet> sorted = p.all();
    sorted.sort(BY_CREATION);
    ReplicaSet existing = null;
    for (ReplicaSet rs : sorted) {
      if (DeploymentUtil.equalIgnoreHash(rs.spec().template(), p.d.spec().template())) {
        existing = rs;
        break;
      }
    }
    List<ReplicaSet> old = new ArrayList<>();
    for (ReplicaSet rs : sorted) {
      if (existing == null || !rs.metadata().uid().equals(existing.metadata().uid())) {
        old.add(rs);
      }
    }
    ReplicaSet newRs = newReplicaSet(p, existing, old, create);
    return new Sets(newRs, old);
  }

  private ReplicaSet newReplicaSet(
      Pass p, ReplicaSet existing, List<ReplicaSet> old, boolean create) {
    String newRevision = Long.toString(DeploymentUtil.maxRevision(old) + 1);
    Deployment d = p.d;
    if (existing != null) {
      Map<String, String> ann = new LinkedHashMap<>(existing.metadata().annotations());
      boolean annotationsChanged = newReplicaSetAnnotations(d, ann, newRevision, true);
      boolean minReadyChanged =
          !Objects.equals(
              minReady(existing.spec().minReadySeconds()), minReady(d.spec().minReadySeconds()));
      if (annotationsChanged || minReadyChanged) {
        existing =
            p.write(
                existing
                    .withMetadata(existing.metadata().withAnnotations(ann))
                    .withSpec(existing.spec().withMinReadySeconds(d.spec().minReadySeconds())));
      }
      syncDeploymentRevision(p, existing.metadata().annotation(DeploymentUtil.REVISION));
      List<DeploymentCondition> conds = p.conditions();
      if (hasProgressDeadline(p.d) && Conditions.get(conds, Conditions.PROGRESSING) == null) {
        Conditions.set(
            conds,
            Conditions.of(
                Conditions.PROGRESSING,
                "True",
                Conditions.FOUND_NEW_RS,
                "Found new replica set \"" + existing.metadata().name() + "\"",
                clock.instant()));
        p.writeStatus(p.statusWith(conds));
      }
      return existing;
    }
    if (!create) {
      return null;
    }
    Integer collisions = d.status() == null ? null : d.status().collisionCount();
    String hash = DeploymentUtil.templateHash(d.spec().template(), collisions);
    PodTemplateSpec template = d.spec().template();
    ObjectMeta tm =
        template.metadata() == null ? ObjectMetaBuilder.builder().build() : template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(tm.labels());
    labels.put(DeploymentUtil.POD_TEMPLATE_HASH, hash);
    PodTemplateSpec newTemplate = template.withMetadata(tm.withLabels(labels));
    Map<String, String> matchLabels = new LinkedHashMap<>(d.spec().selector().matchLabels());
    matchLabels.put(DeploymentUtil.POD_TEMPLATE_HASH, hash);
    LabelSelector selector = d.spec().selector().withMatchLabels(matchLabels);
    String name = d.metadata().name() + "-" + hash;
    ReplicaSet rs =
        ReplicaSetBuilder.builder()
            .metadata(
                ObjectMetaBuilder.builder()
                    .name(name)
                    .namespace(d.metadata().namespace())
                    .labels(labels)
                    .ownerReferences(List.of(ControllerRefs.of(d)))
                    .build())
            .spec(
                ReplicaSetSpecBuilder.builder()
                    .replicas(0)
                    .minReadySeconds(d.spec().minReadySeconds())
                    .selector(selector)
                    .template(newTemplate)
                    .build())
            .build();
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(rs);
    int newReplicas = newRsNewReplicas(d, all, rs);
    Map<String, String> ann = new LinkedHashMap<>();
    newReplicaSetAnnotations(d, ann, newRevision, false);
    rs =
        rs.withSpec(rs.spec().withReplicas(newReplicas))
            .withMetadata(rs.metadata().withAnnotations(ann));
    ReplicaSet created;
    boolean alreadyExists = false;
    try {
      created = p.rsApi.create(rs);
    } catch (AlreadyExistsException e) {
      ReplicaSet found = p.rsApi.get(name);
      if (ControllerRefs.isControlledBy(found.metadata(), d.metadata().uid())
          && DeploymentUtil.equalIgnoreHash(found.spec().template(), d.spec().template())) {
        created = found; // ours; the informer has not shown it yet
        alreadyExists = true;
      } else {
        // A hash collision: the next pass hashes with a higher collisionCount.
        int next = collisions == null ? 1 : collisions + 1;
        p.writeStatus(p.statusWith(p.conditions()).withCollisionCount(next));
        throw e;
      }
    } catch (ApiException e) {
      List<DeploymentCondition> conds = p.conditions();
      if (hasProgressDeadline(d)) {
        Conditions.set(
            conds,
            Conditions.of(
                Conditions.PROGRESSING,
                "False",
                Conditions.FAILED_RS_CREATE,
                "Failed to create new replica set \"" + name + "\": " + e.getMessage(),
                clock.instant()));
        p.writeStatus(p.statusWith(conds));
      }
      throw e;
    }
    p.sets.put(created.metadata().uid(), created);
    if (!alreadyExists && newReplicas > 0) {
      events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + name + " to " + newReplicas);
    }
    syncDeploymentRevision(p, newRevision);
    if (!alreadyExists && hasProgressDeadline(p.d)) {
      List<DeploymentCondition> conds = p.conditions();
      Conditions.set(
          conds,
          Conditions.of(
              Conditions.PROGRESSING,
              "True",
              Conditions.NEW_RS_CREATED,
              "Created new replica set \"" + name + "\"",
              clock.instant()));
      p.writeStatus(p.statusWith(conds));
    }
    return created;
  }

  private static int minReady(Integer m) {
    return m == null ? 0 : m;
  }

  /** {@code SetNewReplicaSetAnnotations} on a copy of the ReplicaSet's annotations. */
  private static boolean newReplicaSetAnnotations(
      Deployment d, Map<String, String> ann, String newRevision, boolean exists) {
    boolean changed = false;
    for (Map.Entry<String, String> e : d.metadata().annotations().entrySet()) {
      if (DeploymentUtil.NOT_COPIED.contains(e.getKey())
          || Objects.equals(ann.get(e.getKey()), e.getValue())) {
        continue;
      }
      ann.put(e.getKey(), e.getValue());
      changed = true;
    }
    String oldRevision = ann.get(DeploymentUtil.REVISION);
    long oldRev = DeploymentUtil.parseRevision(oldRevision);
    long newRev = DeploymentUtil.parseRevision(newRevision);
    if (oldRev < newRev) {
      ann.put(DeploymentUtil.REVISION, newRevision);
      changed = true;
      if (oldRevision != null && !oldRevision.isEmpty()) {
        String history = ann.get(DeploymentUtil.REVISION_HISTORY);
        ann.put(
            DeploymentUtil.REVISION_HISTORY,
            history == null || history.isEmpty() ? oldRevision : history + "," + oldRevision);
      }
    }
    if (!exists) {
      changed |= replicasAnnotations(ann, replicas(d), replicas(d) + maxSurge(d));
    }
    return changed;
  }

  private static boolean replicasAnnotations(Map<String, String> ann, int desired, int max) {
    boolean changed = false;
    if (!Integer.toString(desired).equals(ann.get(DeploymentUtil.DESIRED_REPLICAS))) {
      ann.put(DeploymentUtil.DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(ann.get(DeploymentUtil.MAX_REPLICAS))) {
      ann.put(DeploymentUtil.MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    return changed;
  }

  private static void syncDeploymentRevision(Pass p, String revision) {
    if (revision == null
        || Objects.equals(p.d.metadata().annotation(DeploymentUtil.REVISION), revision)) {
      return;
    }
    Map<String, String> ann = new LinkedHashMap<>(p.d.metadata().annotations());
    ann.put(DeploymentUtil.REVISION, revision);
    p.writeAnnotations(ann);
  }

  // ---- scaling ---------------------------------------------------------------------------

  /**
   * How many replicas the new ReplicaSet may have now ({@code NewRSNewReplicas}). Keelson counts
   * each ReplicaSet as the larger of its spec and status replicas, so pods of old ReplicaSets that
   * are still being deleted hold the surge (Kubernetes counts spec only and may briefly exceed
   * replicas + maxSurge pods).
   */
  static int newRsNewReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    if (!DeploymentUtil.isRollingUpdate(d)) {
      return replicas(d);
    }
    int current = 0;
    for (ReplicaSet rs : all) {
      current += Math.max(replicas(rs), statusReplicas(rs));
    }
    int maxTotal = replicas(d) + maxSurge(d);
    if (current >= maxTotal) {
      return replicas(newRs);
    }
    int up = Math.min(maxTotal - current, replicas(d) - replicas(newRs));
    return replicas(newRs) + up;
  }

  /** Scales {@code rs} (and refreshes its replica annotations); true if its size changed. */
  private boolean scaleReplicaSet(Pass p, ReplicaSet rs, int newScale) {
    rs = p.latest(rs);
    boolean sizeChanges = replicas(rs) != newScale;
    Map<String, String> ann = new LinkedHashMap<>(rs.metadata().annotations());
    boolean annChanges = replicasAnnotations(ann, replicas(p.d), replicas(p.d) + maxSurge(p.d));
    if (sizeChanges || annChanges) {
      p.write(
          rs.withSpec(rs.spec().withReplicas(newScale))
              .withMetadata(rs.metadata().withAnnotations(ann)));
    }
    if (sizeChanges) {
      events.normal(
          p.d,
          "ScalingReplicaSet",
          "Scaled "
              + (newScale > replicas(rs) ? "up" : "down")
              + " replica set "
              + rs.metadata().name()
              + " to "
              + newScale
              + " from "
              + replicas(rs));
    }
    return sizeChanges;
  }

  private boolean scaleAndRecord(Pass p, ReplicaSet rs, int newScale) {
    if (replicas(p.latest(rs)) == newScale) {
      return false;
    }
    return scaleReplicaSet(p, rs, newScale);
  }

  private static List<ReplicaSet> active(List<ReplicaSet> sets) {
    return sets.stream().filter(rs -> rs != null && replicas(rs) > 0).toList();
  }

  private boolean isScalingEvent(Pass p) {
    Sets s = getAllAndSyncRevision(p, false);
    for (ReplicaSet rs : active(p.latest(s.all()))) {
      int desired = DeploymentUtil.desiredAnnotation(rs);
      if (desired >= 0 && desired != replicas(p.d)) {
        return true;
      }
    }
    return false;
  }

  /** Scaling and status without rollout progress (paused, or a scaling event). */
  private void sync(Pass p) {
    Sets s = getAllAndSyncRevision(p, false);
    scale(p, s.newRs(), s.old());
    if (Boolean.TRUE.equals(p.d.spec().paused())) {
      cleanup(p, p.latest(s.old()));
    }
    syncDeploymentStatus(p, new Sets(p.latest(s.newRs()), p.latest(s.old())));
  }

  private void scale(Pass p, ReplicaSet newRs, List<ReplicaSet> old) {
    Deployment d = p.d;
    newRs = p.latest(newRs);
    old = p.latest(old);
    ReplicaSet activeOrLatest = activeOrLatest(newRs, old);
    if (activeOrLatest != null) {
      if (replicas(activeOrLatest) != replicas(d)) {
        scaleAndRecord(p, activeOrLatest, replicas(d));
      }
      return;
    }
    if (isSaturated(d, newRs)) {
      for (ReplicaSet rs : active(old)) {
        scaleAndRecord(p, rs, 0);
      }
      return;
    }
    if (!DeploymentUtil.isRollingUpdate(d)) {
      return;
    }
    List<ReplicaSet> all = new ArrayList<>(old);
    if (newRs != null) {
      all.add(newRs);
    }
    all = new ArrayList<>(active(all));
    int allowed = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
    int toAdd = allowed - specSum(all);
    if (toAdd > 0) {
      all.sort(BY_SIZE_NEWER);
    } else if (toAdd < 0) {
      all.sort(BY_SIZE_OLDER);
    }
    int added = 0;
    Map<String, Integer> sizes = new HashMap<>();
    for (ReplicaSet rs : all) {
      if (toAdd != 0) {
        int proportion = proportion(rs, d, toAdd, added);
        sizes.put(rs.metadata().uid(), replicas(rs) + proportion);
        added += proportion;
      } else {
        sizes.put(rs.metadata().uid(), replicas(rs));
      }
    }
    for (int i = 0; i < all.size(); i++) {
      ReplicaSet rs = all.get(i);
      if (i == 0 && toAdd != 0) {
        int leftover = toAdd - added;
        sizes.put(rs.metadata().uid(), Math.max(0, sizes.get(rs.metadata().uid()) + leftover));
      }
      scaleReplicaSet(p, rs, sizes.get(rs.metadata().uid()));
    }
  }

  private static ReplicaSet activeOrLatest(ReplicaSet newRs, List<ReplicaSet> old) {
    if (newRs == null && old.isEmpty()) {
      return null;
    }
    List<ReplicaSet> newestFirst = new ArrayList<>(old);
    newestFirst.sort(BY_CREATION.reversed());
    List<ReplicaSet> all = new ArrayList<>(newestFirst);
    if (newRs != null) {
      all.add(newRs);
    }
    List<ReplicaSet> act = active(all);
    if (act.isEmpty()) {
      return newRs != null ? newRs : newestFirst.get(0);
    }
    return act.size() == 1 ? act.get(0) : null;
  }

  private static boolean isSaturated(Deployment d, ReplicaSet rs) {
    if (rs == null) {
      return false;
    }
    int desired = DeploymentUtil.desiredAnnotation(rs);
    return replicas(rs) == replicas(d)
        && desired == replicas(d)
        && availableReplicas(rs) == replicas(d);
  }

  /** {@code GetProportion}: this ReplicaSet's share of a scaling of the whole Deployment. */
  static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (rs == null || replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private static int fraction(ReplicaSet rs, Deployment d) {
    if (replicas(d) == 0) {
      return -replicas(rs);
    }
    int deploymentReplicas = replicas(d) + maxSurge(d);
    int annotated = DeploymentUtil.maxReplicasAnnotation(rs);
    if (annotated < 0) {
      annotated = d.status() == null || d.status().replicas() == null ? 0 : d.status().replicas();
    }
    if (annotated == 0) {
      return 0;
    }
    double size = (double) replicas(rs) * deploymentReplicas / annotated;
    return (int) Math.round(size) - replicas(rs); // half away from zero for positive sizes
  }

  // ---- rolling update --------------------------------------------------------------------

  private void rolloutRolling(Pass p) {
    Sets s = getAllAndSyncRevision(p, true);
    ReplicaSet newRs = s.newRs();
    if (reconcileNewReplicaSet(p, s.all(), newRs)) {
      syncRolloutStatus(p, p.latest(s.all()), p.latest(newRs));
      return;
    }
    if (reconcileOldReplicaSets(p, p.latest(s.all()), active(p.latest(s.old())), p.latest(newRs))) {
      syncRolloutStatus(p, p.latest(s.all()), p.latest(newRs));
      return;
    }
    if (deploymentComplete(p.d, p.d.status())) {
      cleanup(p, p.latest(s.old()));
    }
    syncRolloutStatus(p, p.latest(s.all()), p.latest(newRs));
  }

  private boolean reconcileNewReplicaSet(Pass p, List<ReplicaSet> all, ReplicaSet newRs) {
    newRs = p.latest(newRs);
    Deployment d = p.d;
    if (replicas(newRs) == replicas(d)) {
      return false;
    }
    if (replicas(newRs) > replicas(d)) {
      return scaleAndRecord(p, newRs, replicas(d));
    }
    return scaleAndRecord(p, newRs, newRsNewReplicas(d, p.latest(all), newRs));
  }

  private boolean reconcileOldReplicaSets(
      Pass p, List<ReplicaSet> all, List<ReplicaSet> old, ReplicaSet newRs) {
    Deployment d = p.d;
    if (specSum(old) == 0) {
      return false;
    }
    int allPods = specSum(all);
    int minAvailable = replicas(d) - maxUnavailable(d);
    int newUnavailable = replicas(newRs) - clampedAvailable(newRs);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    int cleaned = cleanupUnhealthyReplicas(p, old, maxScaledDown);
    List<ReplicaSet> oldNow = p.latest(old);
    List<ReplicaSet> allNow = new ArrayList<>(oldNow);
    allNow.add(p.latest(newRs));
    int scaledDown = scaleDownOldForRollingUpdate(p, allNow, oldNow);
    return cleaned + scaledDown > 0;
  }

  /**
   * Available replicas of {@code rs} counted at most up to its spec: an old ReplicaSet that was
   * just scaled down reports its former availability until its controller catches up, and Keelson
   * does not scale further down on that (Kubernetes counts status.availableReplicas as is).
   */
  private static int clampedAvailable(ReplicaSet rs) {
    return Math.min(availableReplicas(rs), replicas(rs));
  }

  private int cleanupUnhealthyReplicas(Pass p, List<ReplicaSet> old, int maxCleanup) {
    List<ReplicaSet> sorted = new ArrayList<>(old);
    sorted.sort(BY_CREATION);
    int total = 0;
    for (ReplicaSet rs : sorted) {
      if (total >= maxCleanup) {
        break;
      }
      int spec = replicas(rs);
      int available = clampedAvailable(rs);
      if (spec == 0 || spec == available) {
        continue;
      }
      int down = Math.min(maxCleanup - total, spec - available);
      scaleReplicaSet(p, rs, spec - down);
      total += down;
    }
    return total;
  }

  private int scaleDownOldForRollingUpdate(Pass p, List<ReplicaSet> all, List<ReplicaSet> old) {
    Deployment d = p.d;
    int minAvailable = replicas(d) - maxUnavailable(d);
    int available = 0;
    for (ReplicaSet rs : all) {
      if (rs != null) {
        available += clampedAvailable(rs);
      }
    }
    if (available <= minAvailable) {
      return 0;
    }
    int total = available - minAvailable;
    List<ReplicaSet> sorted = new ArrayList<>(old);
    sorted.sort(BY_CREATION);
    int scaled = 0;
    for (ReplicaSet rs : sorted) {
      if (scaled >= total) {
        break;
      }
      if (replicas(rs) == 0) {
        continue;
      }
      int down = Math.min(replicas(rs), total - scaled);
      scaleReplicaSet(p, rs, replicas(rs) - down);
      scaled += down;
    }
    return scaled;
  }

  // ---- recreate --------------------------------------------------------------------------

  private void rolloutRecreate(Pass p, Selector selector) {
    Sets s = getAllAndSyncRevision(p, false);
    boolean scaledDown = false;
    for (ReplicaSet rs : active(p.latest(s.old()))) {
      scaledDown |= scaleAndRecord(p, rs, 0);
    }
    if (scaledDown) {
      syncRolloutStatus(p, p.latest(s.all()), p.latest(s.newRs()));
      return;
    }
    if (oldPodsRunning(p, s.newRs(), p.latest(s.old()), selector)) {
      syncRolloutStatus(p, p.latest(s.all()), p.latest(s.newRs()));
      return;
    }
    if (s.newRs() == null) {
      s = getAllAndSyncRevision(p, true);
    }
    scaleAndRecord(p, s.newRs(), replicas(p.d));
    if (deploymentComplete(p.d, p.d.status())) {
      cleanup(p, p.latest(s.old()));
    }
    syncRolloutStatus(p, p.latest(s.all()), p.latest(s.newRs()));
  }

  /** Whether pods of old ReplicaSets still exist and have not ended (terminating ones count). */
  private boolean oldPodsRunning(
      Pass p, ReplicaSet newRs, List<ReplicaSet> old, Selector selector) {
    for (ReplicaSet rs : old) {
      if (statusReplicas(rs) > 0) {
        return true;
      }
    }
    String newUid = newRs == null ? null : newRs.metadata().uid();
    for (Pod pod : pods.list(p.d.metadata().namespace(), selector)) {
      OwnerReference ref = ControllerRefs.controllerOf(pod.metadata());
      if (ref == null || ref.uid().equals(newUid) || !p.sets.containsKey(ref.uid())) {
        continue;
      }
      if (!Pods.isTerminal(pod)) {
        return true;
      }
    }
    return false;
  }

  // ---- cleanup and status ----------------------------------------------------------------

  private void cleanup(Pass p, List<ReplicaSet> old) {
    Integer limit = p.d.spec().revisionHistoryLimit();
    if (limit == null || limit == Integer.MAX_VALUE) {
      return;
    }
    List<ReplicaSet> cleanable =
        new ArrayList<>(
            old.stream().filter(rs -> rs.metadata().deletionTimestamp() == null).toList());
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return;
    }
    cleanable.sort(BY_REVISION);
    for (int i = 0; i < diff; i++) {
      ReplicaSet rs = cleanable.get(i);
      long generation = rs.metadata().generation() == null ? 0 : rs.metadata().generation();
      long observed =
          rs.status() == null || rs.status().observedGeneration() == null
              ? 0
              : rs.status().observedGeneration();
      if (statusReplicas(rs) != 0 || replicas(rs) != 0 || generation > observed) {
        continue;
      }
      try {
        p.rsApi.delete(rs.metadata().name(), null);
      } catch (NotFoundException e) {
        // gone already
      }
      p.sets.remove(rs.metadata().uid());
    }
  }

  private void syncDeploymentStatus(Pass p, Sets s) {
    p.writeStatus(DeploymentStatuses.calculate(p.d, s.all(), s.newRs(), clock.instant()));
  }

  private void checkPausedConditions(Pass p) {
    if (!hasProgressDeadline(p.d)) {
      return;
    }
    List<DeploymentCondition> conds = p.conditions();
    DeploymentCondition cond = Conditions.get(conds, Conditions.PROGRESSING);
    if (cond != null && Conditions.TIMED_OUT.equals(cond.reason())) {
      return;
    }
    boolean pausedExists = cond != null && Conditions.PAUSED.equals(cond.reason());
    boolean paused = Boolean.TRUE.equals(p.d.spec().paused());
    Instant now = clock.instant();
    if (paused && !pausedExists) {
      Conditions.set(
          conds,
          Conditions.of(
              Conditions.PROGRESSING, "Unknown", Conditions.PAUSED, "Deployment is paused", now));
    } else if (!paused && pausedExists) {
      Conditions.set(
          conds,
          Conditions.of(
              Conditions.PROGRESSING, "Unknown", Conditions.RESUMED, "Deployment is resumed", now));
    } else {
      return;
    }
    p.writeStatus(p.statusWith(conds));
  }

  static boolean hasProgressDeadline(Deployment d) {
    Integer s = d.spec().progressDeadlineSeconds();
    return s != null && s != Integer.MAX_VALUE;
  }

  static boolean deploymentComplete(Deployment d, DeploymentStatus s) {
    if (s == null) {
      return false;
    }
    int r = replicas(d);
    long generation = d.metadata().generation() == null ? 0 : d.metadata().generation();
    return num(s.updatedReplicas()) == r
        && num(s.replicas()) == r
        && num(s.availableReplicas()) == r
        && (s.observedGeneration() == null ? 0 : s.observedGeneration()) >= generation;
  }

  private static boolean deploymentProgressing(Deployment d, DeploymentStatus s) {
    DeploymentStatus old =
        d.status() == null ? DeploymentStatusBuilder.builder().build() : d.status();
    int oldOld = num(old.replicas()) - num(old.updatedReplicas());
    int newOld = num(s.replicas()) - num(s.updatedReplicas());
    return num(s.updatedReplicas()) > num(old.updatedReplicas())
        || newOld < oldOld
        || num(s.readyReplicas()) > num(old.readyReplicas())
        || num(s.availableReplicas()) > num(old.availableReplicas());
  }

  private boolean deploymentTimedOut(Deployment d, DeploymentStatus s) {
    if (!hasProgressDeadline(d)) {
      return false;
    }
    DeploymentCondition c = Conditions.get(s.conditions(), Conditions.PROGRESSING);
    if (c == null || Conditions.NEW_RS_AVAILABLE.equals(c.reason())) {
      return false;
    }
    if (Conditions.TIMED_OUT.equals(c.reason())) {
      return true;
    }
    Instant from = c.lastUpdateTime();
    return from != null
        && from.plusSeconds(d.spec().progressDeadlineSeconds()).isBefore(clock.instant());
  }

  static int num(Integer i) {
    return i == null ? 0 : i;
  }

  private void syncRolloutStatus(Pass p, List<ReplicaSet> all, ReplicaSet newRs) {
    Deployment d = p.d;
    Instant now = clock.instant();
    DeploymentStatus calculated = DeploymentStatuses.calculate(d, all, newRs, now);
    List<DeploymentCondition> conds = new ArrayList<>(calculated.conditions());
    if (!hasProgressDeadline(d)) {
      Conditions.remove(conds, Conditions.PROGRESSING);
    }
    DeploymentCondition current = Conditions.get(conds, Conditions.PROGRESSING);
    boolean complete =
        num(calculated.replicas()) == num(calculated.updatedReplicas())
            && current != null
            && Conditions.NEW_RS_AVAILABLE.equals(current.reason());
    if (hasProgressDeadline(d) && !complete) {
      String subject =
          newRs != null
              ? "ReplicaSet \"" + newRs.metadata().name() + "\""
              : "Deployment \"" + d.metadata().name() + "\"";
      if (deploymentComplete(d, calculated)) {
        Conditions.set(
            conds,
            Conditions.of(
                Conditions.PROGRESSING,
                "True",
                Conditions.NEW_RS_AVAILABLE,
                subject + " has successfully progressed.",
                now));
      } else if (deploymentProgressing(d, calculated)) {
        DeploymentCondition c =
            Conditions.of(
                Conditions.PROGRESSING,
                "True",
                Conditions.RS_UPDATED,
                subject + " is progressing.",
                now);
        if (current != null && "True".equals(current.status())) {
          c = c.withLastTransitionTime(current.lastTransitionTime());
        }
        Conditions.remove(conds, Conditions.PROGRESSING);
        Conditions.set(conds, c);
      } else if (deploymentTimedOut(d, calculated.withConditions(conds))) {
        Conditions.set(
            conds,
            Conditions.of(
                Conditions.PROGRESSING,
                "False",
                Conditions.TIMED_OUT,
                subject + " has timed out progressing.",
                now));
      }
    }
    DeploymentCondition failure = DeploymentStatuses.replicaFailure(all, newRs);
    if (failure != null) {
      Conditions.set(conds, failure);
    } else {
      Conditions.remove(conds, Conditions.REPLICA_FAILURE);
    }
    DeploymentStatus status = calculated.withConditions(conds);
    if (Objects.equals(d.status(), status)) {
      requeueStuck(p, status);
      return;
    }
    p.writeStatus(status);
  }

  /** Looks again when the progress deadline passes ({@code requeueStuckDeployment}). */
  private void requeueStuck(Pass p, DeploymentStatus status) {
    Deployment d = p.d;
    DeploymentCondition c = Conditions.get(status.conditions(), Conditions.PROGRESSING);
    if (!hasProgressDeadline(d)
        || c == null
        || Conditions.NEW_RS_AVAILABLE.equals(c.reason())
        || Conditions.TIMED_OUT.equals(c.reason())
        || deploymentComplete(d, status)
        || c.lastUpdateTime() == null) {
      return;
    }
    Duration after =
        Duration.between(
            clock.instant(), c.lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds()));
    p.result =
        after.compareTo(Duration.ofSeconds(1)) < 0
            ? Result.requeueWithBackoff()
            : Result.requeueAfter(after);
  }
}
