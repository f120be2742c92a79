package dev.keelson.scheduler;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodConditionBuilder;
import dev.keelson.api.core.v1.PodStatus;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import dev.keelson.scheduler.framework.ClusterEvent;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.FitError;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Snapshot;
import dev.keelson.scheduler.framework.Status;
import dev.keelson.scheduler.internal.FrameworkRunner;
import dev.keelson.scheduler.internal.Parallelizer;
import dev.keelson.scheduler.internal.QueuedPod;
import dev.keelson.scheduler.internal.SchedulerCache;
import dev.keelson.scheduler.internal.SchedulingQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes scheduler, as kube-scheduler: it takes the pods without {@code spec.nodeName} whose
 * {@code spec.schedulerName} is its own, one at a time from a {@link SchedulingQueue priority
 * queue}, filters and scores the nodes of a snapshot of its cache with the profile's plugins,
 * assumes the pod onto the chosen node and binds it through {@code pods/binding} asynchronously. A
 * pod that fits nowhere gets {@code PodScheduled=False} with reason {@code Unschedulable} and
 * kube-scheduler's message, a {@code FailedScheduling} Warning event, and waits for a cluster event
 * that may help (or the periodic flush); preemption runs as the PostFilter.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler(client, InformerFactory.create(client), Clock.system());
 * s.start();
 * ...
 * s.close();
 * }</pre>
 *
 * <p>{@link #start()} registers informer handlers and starts the factory (shared informers may be
 * used by others); {@link #close()} stops the scheduler but not the factory.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final KubeClient client;
  private final InformerFactory informers;
  private final Clock clock;
  private final SchedulerConfig config;
  private final KubeEventRecorder recorder;
  private final Parallelizer parallelizer;
  private final FrameworkRunner runner;
  private final SchedulingQueue queue;
  private final SchedulerCache cache = new SchedulerCache();
  private final Snapshot snapshot = new Snapshot();
  private final ThreadPoolExecutor binders;
  private final AtomicLong scheduled = new AtomicLong();
  private final AtomicLong unschedulable = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong bindConflicts = new AtomicLong();
  private SharedInformer<Pod> pods;
  private SharedInformer<Node> nodes;
  private Thread loop;
  private volatile boolean closed;

  /** A scheduler with kube-scheduler's defaults. */
  public Scheduler(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, SchedulerConfig.defaults());
  }

  /** A scheduler with {@code config}. */
  public Scheduler(
      KubeClient client, InformerFactory informers, Clock clock, SchedulerConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.informers = Objects.requireNonNull(informers, "informers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.recorder = KubeEventRecorder.builder(client, config.schedulerName()).clock(clock).build();
    this.parallelizer = new Parallelizer(config.parallelism(), "scheduler-filter");
    this.runner =
        new FrameworkRunner(
            client,
            recorder,
            clock,
            parallelizer,
            config.percentageOfNodesToScore(),
            config.profile());
    this.queue =
        new SchedulingQueue(
            clock,
            config.podInitialBackoff(),
            config.podMaxBackoff(),
            config.podMaxInUnschedulablePodsDuration(),
            runner.pluginEvents());
    AtomicInteger seq = new AtomicInteger();
    this.binders =
        new ThreadPoolExecutor(
            config.bindWorkers(),
            config.bindWorkers(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4096),
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name("scheduler-bind-" + seq.incrementAndGet())
                    .unstarted(r),
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Registers the informer handlers, starts the informers and the scheduling loop. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("already started");
    }
    nodes = informers.informer(Node.class);
    pods = informers.informer(Pod.class);
    nodes.addHandler(new NodeHandler());
    pods.addHandler(new PodHandler());
    queue.start();
    informers.start();
    loop = Thread.ofPlatform().name("scheduler-" + config.schedulerName()).start(this::runLoop);
  }

  /** The scheduler's counters. */
  public SchedulerStats stats() {
    SchedulingQueue.Counts c = queue.counts();
    return new SchedulerStats(
        scheduled.get(),
        unschedulable.get(),
        errors.get(),
        bindConflicts.get(),
        c.active(),
        c.backoff(),
        c.unschedulable());
  }

  /** The scheduling queue (tests and diagnostics). */
  public SchedulingQueue queue() {
    return queue;
  }

  /** The cache (tests and diagnostics). */
  public SchedulerCache cache() {
    return cache;
  }

  /** Stops scheduling; bindings in flight finish. The informer factory keeps running. */
  @Override
  public void close() {
    closed = true;
    queue.close();
    Thread t;
    synchronized (this) {
      t = loop;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    binders.shutdown();
    try {
      binders.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    parallelizer.close();
    recorder.close();
  }

  private void runLoop() {
    try {
      while (!closed && !(nodes.hasSynced() && pods.hasSynced())) {
        nodes.waitForSync(Duration.ofMillis(100));
        pods.waitForSync(Duration.ofMillis(100));
      }
      while (!closed) {
        QueuedPod q = queue.pop(Duration.ofMillis(200));
        if (q != null) {
          try {
            scheduleOne(q);
          } catch (RuntimeException e) {
            log.warn("scheduling {} failed", q.info().key(), e);
            queue.done(q.info().key());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean responsible(Pod pod) {
    String name = pod.spec() == null ? null : pod.spec().schedulerName();
    return config.schedulerName().equals(name == null ? "default-scheduler" : name);
  }

  private static boolean assigned(Pod pod) {
    return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private void scheduleOne(QueuedPod q) {
    PodInfo pod = q.info();
    String key = pod.key();
    long cycle = queue.schedulingCycle();
    if (pod.isTerminating() || cache.contains(key)) {
      queue.done(key);
      return;
    }
    cache.updateSnapshot(snapshot);
    CycleState state = new CycleState(snapshot);
    FrameworkRunner.Result r;
    try {
      r = runner.schedule(state, pod);
    } catch (RuntimeException e) {
      fail(q, cycle, null, "SchedulerError", String.valueOf(e.getMessage()), null);
      return;
    }
    if (r.node() == null) {
      FitError fit = r.fitError();
      String msg = fit.numAllNodes() == 0 ? "no nodes available to schedule pods" : fit.message();
      unschedulable.incrementAndGet();
      q.setUnschedulablePlugins(fit.unschedulablePlugins());
      fail(q, cycle, fit, "Unschedulable", msg, r.nominatedNode());
      return;
    }
    String node = r.node();
    Pod bound = pod.pod().withSpec(pod.pod().spec().withNodeName(node));
    PodInfo assumed = PodInfo.of(bound);
    cache.assume(assumed, node);
    Status s = runner.reserve(state, assumed, node);
    if (s.isSuccess()) {
      s = runner.permit(state, assumed, node);
      if (!s.isSuccess()) {
        runner.unreserve(state, assumed, node);
      }
    }
    if (!s.isSuccess()) {
      cache.forget(key);
      q.setUnschedulablePlugins(s.isRejected() ? Set.of(s.plugin()) : Set.of());
      fail(q, cycle, null, "SchedulerError", s.message(), null);
      return;
    }
    binders.execute(() -> bindingCycle(q, cycle, state, pod, assumed, node));
  }

  private void bindingCycle(
      QueuedPod q, long cycle, CycleState state, PodInfo pod, PodInfo assumed, String node) {
    String failure;
    try {
      Status s = runner.preBind(state, assumed, node);
      if (s.isSuccess()) {
        s = runner.bind(state, pod, node);
      }
      if (s.isSuccess()) {
        queue.done(pod.key());
        scheduled.incrementAndGet();
        recorder.normal(
            pod.pod(), "Scheduled", "Successfully assigned " + pod.key() + " to " + node);
        return;
      }
      failure = s.message();
    } catch (ConflictException e) {
      bindConflicts.incrementAndGet();
      failure = e.getMessage();
    } catch (RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    }
    log.debug("binding {} to {} failed: {}", pod.key(), node, failure);
    runner.unreserve(state, assumed, node);
    cache.forget(pod.key());
    queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
    q.setUnschedulablePlugins(Set.of());
    fail(q, cycle, null, "SchedulerError", "binding rejected: " + failure, null);
  }

  /** kube-scheduler's handleSchedulingFailure. */
  private void fail(
      QueuedPod q, long cycle, FitError fit, String reason, String message, String nominated) {
    if (fit == null) {
      errors.incrementAndGet();
    }
    PodInfo pod = q.info();
    Optional<Pod> latest =
        pods.indexer()
            .get(new ObjectKey(pod.pod().metadata().namespace(), pod.pod().metadata().name()));
    if (latest.isEmpty() || assigned(latest.get()) || closed) {
      queue.done(pod.key());
      return;
    }
    Pod current = latest.get();
    queue.addUnschedulableIfNotPresent(q, cycle);
    recorder.warning(current, "FailedScheduling", message);
    try {
      binders.execute(() -> updateCondition(current, reason, message, nominated));
    } catch (RuntimeException rejected) {
      // shutting down
    }
  }

  private void updateCondition(Pod pod, String reason, String message, String nominated) {
    var resources = client.resources(Pod.class).inNamespace(pod.metadata().namespace());
    Pod cur = pod;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        if (attempt > 0) {
          cur = resources.get(pod.metadata().name());
        }
        if (assigned(cur)) {
          return;
        }
        PodStatus status = cur.status() == null ? PodStatusBuilder.builder().build() : cur.status();
        PodCondition old = status.condition("PodScheduled");
        String nom = nominated != null ? nominated : status.nominatedNodeName();
        if (old != null
            && "False".equals(old.status())
            && reason.equals(old.reason())
            && message.equals(old.message())
            && Objects.equals(nom, status.nominatedNodeName())) {
          return;
        }
        PodCondition c =
            PodConditionBuilder.builder()
                .type("PodScheduled")
                .status("False")
                .reason(reason)
                .message(message)
                .lastTransitionTime(
                    old != null && "False".equals(old.status())
                        ? old.lastTransitionTime()
                        : clock.instant())
                .build();
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition x : status.conditions()) {
          if (!"PodScheduled".equals(x.type())) {
            conditions.add(x);
          }
        }
        conditions.add(c);
        resources.updateStatus(
            cur.withStatus(status.withConditions(conditions).withNominatedNodeName(nom)));
        return;
      } catch (ConflictException e) {
        // stale: read again
      } catch (NotFoundException e) {
        return;
      } catch (RuntimeException e) {
        log.debug("updating the condition of {} failed", pod.metadata().name(), e);
        return;
      }
    }
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node, boolean isInInitialList) {
      cache.addOrUpdateNode(node);
      queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
    }

    @Override
    public void onUpdate(Node oldNode, Node newNode) {
      if (Objects.equals(
          oldNode.metadata().resourceVersion(), newNode.metadata().resourceVersion())) {
        return;
      }
      cache.addOrUpdateNode(newNode);
      queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE);
    }

    @Override
    public void onDelete(Node node, boolean finalStateUnknown) {
      cache.removeNode(node.metadata().name());
      queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_DELETE);
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod, boolean isInInitialList) {
      String key = PodInfo.keyOf(pod);
      if (terminal(pod)) {
        return;
      }
      if (assigned(pod)) {
        cache.addOrUpdatePod(pod);
        queue.delete(key);
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
      } else if (responsible(pod) && pod.metadata().deletionTimestamp() == null) {
        queue.add(pod);
      }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      if (Objects.equals(
          oldPod.metadata().resourceVersion(), newPod.metadata().resourceVersion())) {
        return;
      }
      String key = PodInfo.keyOf(newPod);
      if (assigned(newPod)) {
        if (terminal(newPod)) {
          cache.removePod(key);
          queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
          return;
        }
        cache.addOrUpdatePod(newPod);
        queue.delete(key);
        queue.moveAllToActiveOrBackoff(
            assigned(oldPod) ? ClusterEvent.ASSIGNED_POD_UPDATE : ClusterEvent.ASSIGNED_POD_ADD);
      } else if (responsible(newPod)) {
        if (terminal(newPod) || newPod.metadata().deletionTimestamp() != null) {
          queue.delete(key);
        } else if (!cache.isAssumed(key)) {
          queue.update(newPod);
        }
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      String key = PodInfo.keyOf(pod);
      queue.delete(key);
      if (cache.contains(key)) {
        cache.removePod(key);
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
      }
    }
  }
}
