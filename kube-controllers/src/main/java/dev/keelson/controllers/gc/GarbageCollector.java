package dev.keelson.controllers.gc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.meta.Preconditions;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.Discovery;
import dev.keelson.client.KubeClient;
import dev.keelson.client.PatchType;
import dev.keelson.client.Resources;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.queue.QueueOptions;
import dev.keelson.controller.queue.RateLimiter;
import dev.keelson.controller.queue.RateLimitingQueue;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector (kube-controller-manager's {@code garbagecollector} controller), with
 * Kubernetes' observable behaviour:
 *
 * <ul>
 *   <li><b>Background</b>: a dependent whose owners are all absent is deleted. Absence is verified
 *       by a live GET of each owner by name, comparing the uid (never from the informer cache
 *       alone); references to absent owners are removed from dependents that keep another owner.
 *   <li><b>Foreground</b>: an owner with a deletionTimestamp and the {@code foregroundDeletion}
 *       finalizer has its dependents deleted (those with dependents of their own in foreground);
 *       the finalizer is removed once no dependent with {@code blockOwnerDeletion: true} remains.
 *   <li><b>Orphan</b>: an owner with a deletionTimestamp and the {@code orphan} finalizer has its
 *       reference removed from every dependent, then the finalizer removed.
 *   <li>Owner references resolve in the dependent's namespace (a namespaced owner elsewhere counts
 *       as absent); a cluster-scoped dependent naming a namespaced kind is left alone. Both are
 *       reported as a Warning event {@code OwnerRefInvalidNamespace} about the dependent.
 * </ul>
 *
 * The graph covers every resource discovery lists with the verbs list, watch and delete (custom
 * resources included; events ignored), through generic informers of the given factory; discovery is
 * read again every {@link GarbageCollectorOptions#rediscoveryPeriod()} on the Clock. Work goes
 * through two rate-limited, bounded queues (client-go's default controller backoff).
 *
 * <pre>{@code
 * GarbageCollector gc = new GarbageCollector(client, informers, Clock.system());
 * gc.start();
 * ...
 * gc.close();
 * }</pre>
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
  private static final int MAX_CONFLICT_RETRIES = 5;
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KubeClient client;
  private final InformerFactory informers;
  private final Clock clock;
  private final GarbageCollectorOptions options;
  private final RateLimitingQueue<String> attemptToDelete;
  private final RateLimitingQueue<String> attemptToOrphan;
  private final AbsentOwnerCache absent;
  private final DependencyGraph graph;
  private final KubeEventRecorder events;
  private final Map<GroupResource, Monitor> monitors = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile Map<String, ResourceType> byKind =
      Map.of(); // "group/kind" and "group/version/kind"
  private volatile Clock.Timer rediscoveryTimer;
  private boolean started;
  private volatile boolean closed;

  /** One informer fed into the graph; {@code active} false once discovery stops listing it. */
  private static final class Monitor {
    final SharedInformer<GenericObject> informer;
    volatile boolean active = true;

    Monitor(SharedInformer<GenericObject> informer) {
      this.informer = informer;
    }
  }

  /** A collector with {@link GarbageCollectorOptions#defaults()}. */
  public GarbageCollector(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, GarbageCollectorOptions.defaults());
  }

  /** A collector with these options. */
  public GarbageCollector(
      KubeClient client, InformerFactory informers, Clock clock, GarbageCollectorOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.informers = Objects.requireNonNull(informers, "informers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.attemptToDelete =
        RateLimitingQueue.create(
            QueueOptions.defaults()
                .withName("garbage_collector_attempt_to_delete")
                .withClock(clock),
            RateLimiter.controllerDefault(clock));
    this.attemptToOrphan =
        RateLimitingQueue.create(
            QueueOptions.defaults()
                .withName("garbage_collector_attempt_to_orphan")
                .withClock(clock),
            RateLimiter.controllerDefault(clock));
    this.absent = new AbsentOwnerCache(options.absentOwnerCacheSize());
    this.events =
        KubeEventRecorder.builder(client, "garbage-collector-controller").clock(clock).build();
    this.graph =
        new DependencyGraph(attemptToDelete::add, attemptToOrphan::add, absent, this::warn);
  }

  /**
   * Reads discovery, starts an informer per collectable resource, and starts the workers once they
   * have synced; idempotent.
   */
  public void start() {
    synchronized (this) {
      if (started || closed) {
        return;
      }
      started = true;
    }
    try {
      rediscover();
    } catch (RuntimeException e) {
      log.warn(
          "garbage collector: discovery failed, retrying in {}: {}",
          options.rediscoveryPeriod(),
          e.toString());
    }
    scheduleRediscovery();
    Thread starter =
        Thread.ofVirtual()
            .name("garbage-collector-start")
            .start(
                () -> {
                  try {
                    waitForMonitors();
                  } catch (InterruptedException e) {
                    return;
                  }
                  startWorkers();
                });
    synchronized (this) {
      threads.add(starter);
    }
  }

  /** Whether every informer the collector watches has listed its resource once. */
  public synchronized boolean hasSynced() {
    for (Monitor m : monitors.values()) {
      if (m.active && !m.informer.hasSynced()) {
        return false;
      }
    }
    return started;
  }

  /** How many objects (and not yet observed owners) the graph holds. */
  public int graphSize() {
    return graph.size();
  }

  /** The resources the collector watches. */
  public synchronized Set<GroupResource> watchedResources() {
    Set<GroupResource> out =
        new java.util.TreeSet<>(
            java.util.Comparator.comparing(GroupResource::group)
                .thenComparing(GroupResource::resource));
    monitors.forEach(
        (gr, m) -> {
          if (m.active) {
            out.add(gr);
          }
        });
    return out;
  }

  /**
   * Reads discovery now and watches resources that appeared (a new CRD's); resources that vanished
   * stop feeding the graph. Also runs every rediscovery period.
   */
  public void rediscover() {
    Discovery.Result found = client.discovery().preferredResources();
    Map<String, ResourceType> kinds = new HashMap<>();
    Map<GroupResource, ResourceType> collectable = new LinkedHashMap<>();
    for (ResourceType t : found.resources()) {
      kinds.putIfAbsent(t.group() + "/" + t.kind(), t);
      kinds.put(t.group() + "/" + t.version() + "/" + t.kind(), t);
      if (t.verbs().containsAll(List.of("list", "watch", "delete"))
          && !options.ignored().contains(t.groupResource())) {
        collectable.put(t.groupResource(), t);
      }
    }
    if (!found.failedGroups().isEmpty()) {
      log.info("garbage collector: discovery failed for {}", found.failedGroups().keySet());
    }
    byKind = Map.copyOf(kinds);
    List<SharedInformer<GenericObject>> toStart = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      for (Map.Entry<GroupResource, ResourceType> e : collectable.entrySet()) {
        Monitor m = monitors.get(e.getKey());
        if (m != null) {
          m.active = true;
          continue;
        }
        SharedInformer<GenericObject> informer =
            informers.generic(e.getValue(), InformerOptions.defaults());
        Monitor monitor = new Monitor(informer);
        informer.addHandler(handler(monitor));
        monitors.put(e.getKey(), monitor);
        toStart.add(informer);
      }
      for (Map.Entry<GroupResource, Monitor> e : monitors.entrySet()) {
        if (!collectable.containsKey(e.getKey()) && found.failedGroups().isEmpty()) {
          e.getValue().active = false;
        }
      }
    }
    for (SharedInformer<GenericObject> i : toStart) {
      i.start();
    }
  }

  /** A Warning event {@code OwnerRefInvalidNamespace} about {@code dependent}. */
  private void warn(ObjectIdentity dependent, String message) {
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .name(dependent.name())
            .namespace(dependent.namespace().isEmpty() ? null : dependent.namespace())
            .uid(dependent.uid())
            .build();
    events.warning(
        GenericObject.of(dependent.apiVersion(), dependent.kind(), meta),
        "OwnerRefInvalidNamespace",
        message);
  }

  private ResourceEventHandler<GenericObject> handler(Monitor monitor) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericObject obj, boolean initial) {
        if (monitor.active) {
          graph.observe(obj);
        }
      }

      @Override
      public void onUpdate(GenericObject old, GenericObject obj) {
        if (monitor.active) {
          graph.observe(obj);
        }
      }

      @Override
      public void onDelete(GenericObject obj, boolean finalStateUnknown) {
        if (monitor.active) {
          graph.observeDeleted(obj);
        }
      }
    };
  }

  private void scheduleRediscovery() {
    if (closed) {
      return;
    }
    rediscoveryTimer =
        clock.schedule(
            options.rediscoveryPeriod(),
            () ->
                Thread.ofVirtual()
                    .name("garbage-collector-rediscovery")
                    .start(
                        () -> {
                          try {
                            rediscover();
                          } catch (RuntimeException e) {
                            log.warn("garbage collector: rediscovery failed: {}", e.toString());
                          }
                          scheduleRediscovery();
                        }));
  }

  /**
   * Waits until every informer has listed once, at most {@link #SYNC_TIMEOUT} (real time, as the
   * lists are): a resource whose list keeps failing must not stop the collection of the others.
   */
  private void waitForMonitors() throws InterruptedException {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    while (!closed) {
      if (System.nanoTime() > deadline) {
        log.warn("garbage collector: starting before every informer synced: {}", unsynced());
        return;
      }
      List<Monitor> all;
      synchronized (this) {
        all = new ArrayList<>(monitors.values());
      }
      boolean synced = true;
      for (Monitor m : all) {
        if (m.active && !m.informer.waitForSync(Duration.ofMillis(100))) {
          synced = false;
        }
      }
      if (synced) {
        return;
      }
    }
  }

  private synchronized List<String> unsynced() {
    List<String> out = new ArrayList<>();
    monitors.forEach(
        (gr, m) -> {
          if (m.active && !m.informer.hasSynced()) {
            out.add(gr.toString());
          }
        });
    return out;
  }

  private synchronized void startWorkers() {
    if (closed) {
      return;
    }
    for (int i = 0; i < options.deleteWorkers(); i++) {
      threads.add(
          Thread.ofVirtual()
              .name("garbage-collector-delete-" + i)
              .start(() -> work(attemptToDelete, this::attemptToDelete)));
    }
    for (int i = 0; i < options.orphanWorkers(); i++) {
      threads.add(
          Thread.ofVirtual()
              .name("garbage-collector-orphan-" + i)
              .start(() -> work(attemptToOrphan, this::attemptToOrphan)));
    }
  }

  /** Stops the workers and rediscovery; the informers belong to the factory. Idempotent. */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      closed = true;
      running = new ArrayList<>(threads);
    }
    Clock.Timer t = rediscoveryTimer;
    if (t != null) {
      t.cancel();
    }
    synchronized (this) {
      for (Monitor m : monitors.values()) {
        m.active = false;
      }
    }
    attemptToDelete.shutDown();
    attemptToOrphan.shutDown();
    events.close();
    for (Thread th : running) {
      th.interrupt();
    }
    for (Thread th : running) {
      try {
        th.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private interface Work {
    void process(String uid);
  }

  private void work(RateLimitingQueue<String> queue, Work work) {
    try {
      while (true) {
        String uid = queue.get();
        if (uid == null) {
          return;
        }
        try {
          work.process(uid);
          queue.forget(uid);
        } catch (InvalidReferenceException e) {
          log.warn("garbage collector: {}", e.getMessage());
          queue.forget(uid); // will not resolve by retrying
        } catch (RuntimeException e) {
          if (closed) {
            return;
          }
          log.info("garbage collector: {} failed: {}; retrying", uid, e.toString());
          queue.addRateLimited(uid);
        } finally {
          queue.done(uid);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A reference that retrying will not make valid (a cluster-scoped object with a namespaced
   * owner).
   */
  private static final class InvalidReferenceException extends RuntimeException {
    InvalidReferenceException(String message) {
      super(message);
    }
  }

  // ---- attempt to delete ---------------------------------------------------------------------

  private void attemptToDelete(String uid) {
    DependencyGraph.View node = graph.view(uid);
    if (node == null) {
      return;
    }
    if (node.virtual()) {
      processVirtual(node);
      return;
    }
    if (node.beingDeleted() && !node.deletingDependents()) {
      return; // on its way out, nothing to do for the dependents' sake
    }
    ObjectIdentity id = node.identity();
    ResourceType type = resolve(id.apiVersion(), id.kind());
    GenericObject latest = getOrNull(type, id.namespace(), id.name());
    if (latest == null || !uid.equals(latest.metadata().uid())) {
      graph.verifiedAbsent(uid);
      return;
    }
    ObjectMeta meta = latest.metadata();
    if (meta.deletionTimestamp() != null
        && meta.finalizers().contains(DependencyGraph.FOREGROUND)) {
      processDeletingDependents(node, type, latest);
      return;
    }
    if (meta.deletionTimestamp() != null) {
      return;
    }
    List<OwnerReference> refs = meta.ownerReferences();
    if (refs.isEmpty()) {
      return;
    }
    List<OwnerReference> solid = new ArrayList<>();
    List<OwnerReference> dangling = new ArrayList<>();
    List<OwnerReference> waiting = new ArrayList<>();
    for (OwnerReference ref : refs) {
      switch (classify(id, ref)) {
        case SOLID -> solid.add(ref);
        case DANGLING -> dangling.add(ref);
        case WAITING -> waiting.add(ref);
      }
    }
    if (!solid.isEmpty()) {
      if (dangling.isEmpty() && waiting.isEmpty()) {
        return;
      }
      // Some owner remains: only drop the references to owners that are gone or going.
      Set<String> drop = new java.util.HashSet<>();
      dangling.forEach(r -> drop.add(r.uid()));
      waiting.forEach(r -> drop.add(r.uid()));
      patchOwnerRefs(type, latest, r -> !drop.contains(r.uid()), null);
      return;
    }
    if (!waiting.isEmpty() && !node.dependents().isEmpty()) {
      for (DependencyGraph.Dependent d : node.dependents()) {
        if (d.deletingDependents()) {
          // a possible cycle: make our references to the waiting owners non-blocking first
          Set<String> waitingUids = new java.util.HashSet<>();
          waiting.forEach(r -> waitingUids.add(r.uid()));
          patchOwnerRefs(type, latest, r -> true, waitingUids);
          break;
        }
      }
      delete(type, latest, "Foreground");
      return;
    }
    String policy;
    if (meta.finalizers().contains(DependencyGraph.ORPHAN)) {
      policy = "Orphan";
    } else if (meta.finalizers().contains(DependencyGraph.FOREGROUND)) {
      policy = "Foreground";
    } else {
      policy = "Background";
    }
    delete(type, latest, policy);
  }

  private enum OwnerState {
    SOLID,
    DANGLING,
    WAITING
  }

  private OwnerState classify(ObjectIdentity dependent, OwnerReference ref) {
    ResourceType ownerType = resolve(ref.apiVersion(), ref.kind());
    if (ownerType.namespaced() && dependent.namespace().isEmpty()) {
      throw new InvalidReferenceException(
          "OwnerRefInvalidNamespace: cluster-scoped "
              + dependent
              + " names the namespaced owner "
              + ref.kind()
              + " "
              + ref.name()
              + "; the reference is not followed");
    }
    String ns = ownerType.namespaced() ? dependent.namespace() : "";
    if (absent.has(ns, ref.uid())) {
      return OwnerState.DANGLING;
    }
    GenericObject owner = getOrNull(ownerType, ns, ref.name());
    if (owner == null || !Objects.equals(ref.uid(), owner.metadata().uid())) {
      absent.add(ns, ref.uid());
      return OwnerState.DANGLING;
    }
    ObjectMeta m = owner.metadata();
    if (m.deletionTimestamp() != null && m.finalizers().contains(DependencyGraph.FOREGROUND)) {
      return OwnerState.WAITING;
    }
    return OwnerState.SOLID;
  }

  /** An owner dependents name but no informer showed: is it there, where each dependent looks? */
  private void processVirtual(DependencyGraph.View node) {
    boolean someExist = false;
    Map<String, Boolean> checked = new HashMap<>();
    for (DependencyGraph.Dependent d : node.dependents()) {
      OwnerReference ref = d.ref();
      ResourceType ownerType = resolve(ref.apiVersion(), ref.kind());
      if (ownerType.namespaced() && d.identity().namespace().isEmpty()) {
        continue; // invalid reference: left alone
      }
      String ns = ownerType.namespaced() ? d.identity().namespace() : "";
      String key = ownerType.groupResource() + "/" + ns + "/" + ref.name();
      Boolean exists = checked.get(key);
      if (exists == null) {
        GenericObject owner =
            absent.has(ns, ref.uid()) ? null : getOrNull(ownerType, ns, ref.name());
        exists = owner != null && Objects.equals(ref.uid(), owner.metadata().uid());
        if (!exists) {
          absent.add(ns, ref.uid());
        }
        checked.put(key, exists);
      }
      if (exists) {
        someExist = true;
      } else {
        attemptToDelete.add(d.identity().uid());
      }
    }
    if (!someExist) {
      graph.dropIfVirtual(node.identity().uid());
    }
  }

  private void processDeletingDependents(
      DependencyGraph.View node, ResourceType type, GenericObject latest) {
    List<DependencyGraph.Dependent> blocking = new ArrayList<>();
    for (DependencyGraph.Dependent d : node.dependents()) {
      if (DependencyGraph.blocks(d.ref())) {
        blocking.add(d);
      }
    }
    if (blocking.isEmpty()) {
      removeFinalizer(type, latest, DependencyGraph.FOREGROUND);
      return;
    }
    for (DependencyGraph.Dependent d : blocking) {
      if (!d.beingDeleted() || d.deletingDependents()) {
        attemptToDelete.add(d.identity().uid());
      }
    }
  }

  // ---- attempt to orphan ---------------------------------------------------------------------

  private void attemptToOrphan(String uid) {
    DependencyGraph.View owner = graph.view(uid);
    if (owner == null || owner.virtual()) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (DependencyGraph.Dependent d : owner.dependents()) {
      ObjectIdentity id = d.identity();
      try {
        ResourceType type = resolve(id.apiVersion(), id.kind());
        GenericObject latest = getOrNull(type, id.namespace(), id.name());
        if (latest == null || !Objects.equals(id.uid(), latest.metadata().uid())) {
          continue;
        }
        patchOwnerRefs(type, latest, r -> !uid.equals(r.uid()), null);
      } catch (RuntimeException e) {
        failures.add(id + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("orphaning dependents failed: " + failures);
    }
    ObjectIdentity id = owner.identity();
    ResourceType type = resolve(id.apiVersion(), id.kind());
    GenericObject latest = getOrNull(type, id.namespace(), id.name());
    if (latest == null || !uid.equals(latest.metadata().uid())) {
      return;
    }
    removeFinalizer(type, latest, DependencyGraph.ORPHAN);
  }

  // ---- API calls -----------------------------------------------------------------------------

  private ResourceType resolve(String apiVersion, String kind) {
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    Map<String, ResourceType> kinds = byKind;
    ResourceType t = kinds.get(group + "/" + version + "/" + kind);
    if (t == null) {
      t = kinds.get(group + "/" + kind);
    }
    if (t == null) {
      throw new IllegalStateException(
          "unable to get REST mapping for " + apiVersion + "/" + kind + " (not in discovery)");
    }
    return t;
  }

  private Resources<GenericObject> resources(ResourceType type, String namespace) {
    Resources<GenericObject> r = client.generic(type);
    return type.namespaced() ? r.inNamespace(namespace) : r;
  }

  private GenericObject getOrNull(ResourceType type, String namespace, String name) {
    try {
      return resources(type, namespace).get(name);
    } catch (NotFoundException e) {
      return null;
    }
  }

  private void delete(ResourceType type, GenericObject obj, String policy) {
    ObjectMeta m = obj.metadata();
    log.debug(
        "garbage collector: deleting {} {}/{} ({})", type.kind(), m.namespace(), m.name(), policy);
    try {
      resources(type, m.namespace())
          .delete(
              m.name(),
              new DeleteOptions(
                  null, null, null, new Preconditions(m.uid(), null), null, policy, null));
    } catch (NotFoundException | ConflictException e) {
      // gone, or another incarnation: nothing of ours to delete
    }
  }

  /**
   * Rewrites the owner references of {@code obj}: keeps those {@code keep} accepts, and makes those
   * whose uid is in {@code unblock} non-blocking. A merge patch conditional on the uid and resource
   * version, re-read and retried on conflicts.
   */
  private void patchOwnerRefs(
      ResourceType type, GenericObject obj, Predicate<OwnerReference> keep, Set<String> unblock) {
    GenericObject current = obj;
    for (int attempt = 0; ; attempt++) {
      ObjectMeta m = current.metadata();
      List<OwnerReference> next = new ArrayList<>();
      for (OwnerReference r : m.ownerReferences()) {
        if (!keep.test(r)) {
          continue;
        }
        if (unblock != null && unblock.contains(r.uid()) && DependencyGraph.blocks(r)) {
          r = r.withBlockOwnerDeletion(false);
        }
        next.add(r);
      }
      if (next.equals(m.ownerReferences())) {
        return;
      }
      ObjectNode meta = JSON.objectNode();
      meta.put("uid", m.uid());
      meta.put("resourceVersion", m.resourceVersion());
      if (next.isEmpty()) {
        meta.putNull("ownerReferences");
      } else {
        meta.set("ownerReferences", KubeJson.toTree(next));
      }
      if (tryPatch(type, m, meta)) {
        return;
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new IllegalStateException("owner references of " + m.name() + " keep changing");
      }
      current = getOrNull(type, m.namespace(), m.name());
      if (current == null || !Objects.equals(m.uid(), current.metadata().uid())) {
        return;
      }
    }
  }

  private void removeFinalizer(ResourceType type, GenericObject obj, String finalizer) {
    GenericObject current = obj;
    for (int attempt = 0; ; attempt++) {
      ObjectMeta m = current.metadata();
      if (!m.finalizers().contains(finalizer)) {
        return;
      }
      List<String> next = new ArrayList<>(m.finalizers());
      next.removeIf(finalizer::equals);
      ObjectNode meta = JSON.objectNode();
      meta.put("uid", m.uid());
      meta.put("resourceVersion", m.resourceVersion());
      if (next.isEmpty()) {
        meta.putNull("finalizers");
      } else {
        ArrayNode f = meta.putArray("finalizers");
        next.forEach(f::add);
      }
      if (tryPatch(type, m, meta)) {
        return;
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new IllegalStateException("finalizers of " + m.name() + " keep changing");
      }
      current = getOrNull(type, m.namespace(), m.name());
      if (current == null || !Objects.equals(m.uid(), current.metadata().uid())) {
        return;
      }
    }
  }

  /** True if patched (or the object is gone); false on a conflict (re-read and retry). */
  private boolean tryPatch(ResourceType type, ObjectMeta m, ObjectNode meta) {
    ObjectNode patch = JSON.objectNode();
    patch.set("metadata", meta);
    try {
      resources(type, m.namespace()).patch(m.name(), PatchType.MERGE, patch);
      return true;
    } catch (NotFoundException e) {
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }
}
