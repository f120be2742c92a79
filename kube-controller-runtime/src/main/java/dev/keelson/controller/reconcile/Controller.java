package dev.keelson.controller.reconcile;

import dev.keelson.api.KubernetesObject;
import dev.keelson.controller.queue.QueueMetricsProvider;
import dev.keelson.controller.queue.QueueOptions;
import dev.keelson.controller.queue.RateLimiter;
import dev.keelson.controller.queue.RateLimitingQueue;
import dev.keelson.controller.source.EventPredicate;
import dev.keelson.controller.source.EventSource;
import dev.keelson.controller.source.Predicates;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler} over the requests that its event sources trigger.
 *
 * <pre>{@code
 * Controller c = Controller.builder("replicasets", reconciler)
 *     .forResource(replicaSetInformer, Predicates.generationChanged())
 *     .owns(podInformer, "apps", "ReplicaSet")
 *     .workers(4)
 *     .build();
 * c.start();
 * ...
 * c.close(); // stops taking work, lets running reconciles finish
 * }</pre>
 *
 * <p>Semantics: notifications that pass the predicates are mapped to {@link Request}s and added to
 * a {@link RateLimitingQueue} (deduplicated: a burst of events for one object is one reconcile).
 * After every source {@link EventSource#hasSynced has synced}, {@code workers} threads take
 * requests and call the reconciler; one request is never reconciled by two workers at once. After a
 * pass:
 *
 * <ul>
 *   <li>{@link Result#done()}: the request's backoff is reset ({@code forget});
 *   <li>{@link Result#requeueAfter}: backoff reset, queued again after the delay;
 *   <li>{@link Result#requeueWithBackoff()}: queued again after the rate limiter's delay;
 *   <li>a {@link TerminalException}: logged, backoff reset, not queued again;
 *   <li>any other exception: logged, queued again after the rate limiter's delay (by default 5 ms
 *       doubling per failure up to 1000 s, and at most 10 retries/s overall with bursts of 100, as
 *       client-go's default controller rate limiter).
 * </ul>
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final Duration SYNC_POLL = Duration.ofMillis(10);

  private final String name;
  private final Reconciler reconciler;
  private final RateLimitingQueue<Request> queue;
  private final List<Runnable> registrations;
  private final List<EventSource<?>> sources;
  private final int workerCount;
  private final Duration drainTimeout;
  private final Clock clock;
  private final ControllerMetrics metrics;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong success = new AtomicLong();
  private final AtomicLong requeue = new AtomicLong();
  private final AtomicLong requeueAfter = new AtomicLong();
  private final AtomicLong error = new AtomicLong();
  private final AtomicLong terminal = new AtomicLong();
  private volatile boolean started;
  private volatile boolean synced;

  private Controller(Builder b) {
    this.name = b.name;
    this.reconciler = b.reconciler;
    this.queue =
        RateLimitingQueue.create(
            new QueueOptions(b.name, b.clock, b.maxQueueDepth, b.queueMetrics),
            b.rateLimiter != null ? b.rateLimiter : RateLimiter.controllerDefault(b.clock));
    this.workerCount = b.workers;
    this.drainTimeout = b.drainTimeout;
    this.clock = b.clock;
    this.metrics = b.metrics.forController(b.name);
    this.metrics.maxConcurrentReconciles(b.workers);
    this.sources = List.copyOf(b.sources);
    this.registrations = new ArrayList<>();
    for (Watch<?> w : b.watches) {
      registrations.add(() -> w.register(queue));
    }
  }

  /** A builder for a controller called {@code name} (used for its queue, threads and logs). */
  public static Builder builder(String name, Reconciler reconciler) {
    return new Builder(name, reconciler);
  }

  /** The controller's name. */
  public String name() {
    return name;
  }

  /** How many requests are reconciled concurrently. */
  public int workers() {
    return workerCount;
  }

  /**
   * Registers the handlers with the sources and returns; the workers start once every source has
   * synced.
   *
   * @throws IllegalStateException if already started
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("controller " + name + " already started");
    }
    started = true;
    registrations.forEach(Runnable::run);
    Thread starter =
        Thread.ofVirtual().name("controller-" + name + "-sync").start(this::awaitSyncThenWork);
    threads.add(starter);
  }

  /** Whether every source has synced and the workers run. */
  public boolean hasSynced() {
    return synced;
  }

  /** Adds a request directly (as an event would), for example from a periodic check. */
  public void enqueue(Request request) {
    queue.add(request);
  }

  /** The controller's queue, to read its length or metrics in tests and diagnostics. */
  public RateLimitingQueue<Request> queue() {
    return queue;
  }

  /** How the reconciles went so far. */
  public ControllerStats stats() {
    return new ControllerStats(
        success.get(), requeue.get(), requeueAfter.get(), error.get(), terminal.get());
  }

  /**
   * Stops: takes no new requests, lets the running reconciles finish (and hands out the requests
   * still queued) for at most the drain timeout, then stops the workers.
   */
  @Override
  public void close() {
    try {
      boolean workersRun;
      synchronized (this) {
        // Decided and done under the lock the starter starts the workers under: workers that
        // started between the two would be interrupted mid-reconcile instead of drained.
        workersRun = synced;
        if (!workersRun) {
          queue.shutDown(); // nobody would drain it
        }
      }
      if (workersRun && !queue.shutDownWithDrain(drainTimeout)) {
        log.warn("controller {}: reconciles still running after {}", name, drainTimeout);
      }
      List<Thread> ts;
      synchronized (this) {
        ts = List.copyOf(threads);
      }
      for (Thread t : ts) {
        t.interrupt();
        t.join(drainTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitSyncThenWork() {
    try {
      while (!sources.stream().allMatch(EventSource::hasSynced)) {
        if (queue.isShuttingDown()) {
          return;
        }
        Thread.sleep(SYNC_POLL);
      }
    } catch (InterruptedException e) {
      return;
    }
    synchronized (this) {
      if (queue.isShuttingDown()) {
        return;
      }
      synced = true;
      for (int i = 0; i < workerCount; i++) {
        threads.add(
            Thread.ofVirtual().name("controller-" + name + "-worker-" + i).start(this::work));
      }
    }
    log.debug("controller {}: synced, {} workers", name, workerCount);
  }

  private void work() {
    try {
      Request r;
      while ((r = queue.get()) != null) {
        metrics.activeWorkers(1);
        try {
          reconcileOnce(r);
        } finally {
          metrics.activeWorkers(-1);
          queue.done(r);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reconcileOnce(Request r) throws InterruptedException {
    long began = clock.nanoTime();
    ReconcileOutcome outcome = null;
    try {
      outcome = reconcileAndRequeue(r, began);
    } finally {
      if (outcome != null) {
        metrics.reconciled(outcome, Duration.ofNanos(clock.nanoTime() - began));
      }
    }
  }

  private ReconcileOutcome reconcileAndRequeue(Request r, long began) throws InterruptedException {
    Result result;
    try {
      result = Objects.requireNonNull(reconciler.reconcile(r), "reconciler returned null");
    } catch (TerminalException e) {
      terminal.incrementAndGet();
      log.error(
          "controller {}: {} failed terminally, not retrying: {}", name, r, e.getMessage(), e);
      queue.forget(r);
      return ReconcileOutcome.TERMINAL_ERROR;
    } catch (InterruptedException e) {
      queue.addRateLimited(r);
      throw e;
    } catch (Exception e) {
      error.incrementAndGet();
      log.warn("controller {}: {} failed, retrying with backoff: {}", name, r, e.toString(), e);
      queue.addRateLimited(r);
      return ReconcileOutcome.ERROR;
    }
    if (result.requeueAfter() != null) {
      requeueAfter.incrementAndGet();
      queue.forget(r);
      // Counted from when the pass began: a reconciler computes the delay from the time it read
      // at its start (the next schedule time, a lease's expiry), not from when its writes ended.
      Duration spent = Duration.ofNanos(clock.nanoTime() - began);
      Duration left = result.requeueAfter().minus(spent);
      queue.addAfter(r, left.isNegative() ? Duration.ZERO : left);
      return ReconcileOutcome.REQUEUE_AFTER;
    } else if (result.requeue()) {
      requeue.incrementAndGet();
      queue.addRateLimited(r);
      return ReconcileOutcome.REQUEUE;
    } else {
      success.incrementAndGet();
      queue.forget(r);
      return ReconcileOutcome.SUCCESS;
    }
  }

  /** A source with its mapper and predicate. */
  private record Watch<T>(
      EventSource<T> source, RequestMapper<? super T> mapper, EventPredicate<? super T> predicate) {
    void register(RateLimitingQueue<Request> queue) {
      source.addHandler(new QueueingHandler<T>(queue, mapper, predicate));
    }
  }

  /** Configures a {@link Controller}. */
  public static final class Builder {
    private final String name;
    private final Reconciler reconciler;
    private final List<Watch<?>> watches = new ArrayList<>();
    private final List<EventSource<?>> sources = new ArrayList<>();
    private Clock clock = Clock.system();
    private int workers = 1;
    private RateLimiter<? super Request> rateLimiter;
    private int maxQueueDepth = QueueOptions.DEFAULT_MAX_DEPTH;
    private QueueMetricsProvider queueMetrics = QueueMetricsProvider.none();
    private ControllerMetricsProvider metrics = ControllerMetricsProvider.none();
    private Duration drainTimeout = Duration.ofSeconds(30);

    private Builder(String name, Reconciler reconciler) {
      this.name = Objects.requireNonNull(name, "name");
      this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    }

    /** Reconciles the objects of {@code source} themselves (the primary resource). */
    @SafeVarargs
    public final <T extends KubernetesObject> Builder forResource(
        EventSource<T> source, EventPredicate<? super T>... predicates) {
      return watches(source, Mappers.toSelf(), predicates);
    }

    /**
     * Reconciles the controller owner of kind {@code ownerKind} in group {@code ownerGroup} of each
     * object of {@code source} (see {@link Mappers#toOwner}).
     */
    @SafeVarargs
    public final <T extends KubernetesObject> Builder owns(
        EventSource<T> source,
        String ownerGroup,
        String ownerKind,
        EventPredicate<? super T>... predicates) {
      return watches(source, Mappers.toOwner(ownerGroup, ownerKind), predicates);
    }

    /**
     * Reconciles the requests {@code mapper} makes of the objects of {@code source} whose
     * notifications pass every one of {@code predicates}.
     */
    @SafeVarargs
    public final <T> Builder watches(
        EventSource<T> source,
        RequestMapper<? super T> mapper,
        EventPredicate<? super T>... predicates) {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(mapper, "mapper");
      EventPredicate<T> p = predicates.length == 0 ? Predicates.all() : Predicates.and(predicates);
      watches.add(new Watch<>(source, mapper, p));
      sources.add(source);
      return this;
    }

    /** The clock of the queue's delays and backoff (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many requests are reconciled concurrently (default 1). */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be positive: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** The retry policy (default {@link RateLimiter#controllerDefault} on the clock). */
    public Builder rateLimiter(RateLimiter<? super Request> rateLimiter) {
      this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
      return this;
    }

    /** The queue's bound (see {@link dev.keelson.controller.queue.WorkQueue}). */
    public Builder maxQueueDepth(int maxQueueDepth) {
      this.maxQueueDepth = maxQueueDepth;
      return this;
    }

    /** Where the queue reports its metrics. */
    public Builder queueMetrics(QueueMetricsProvider queueMetrics) {
      this.queueMetrics = Objects.requireNonNull(queueMetrics, "queueMetrics");
      return this;
    }

    /**
     * Where the controller reports its reconcile metrics (see {@link InMemoryControllerMetrics}).
     */
    public Builder metrics(ControllerMetricsProvider metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** How long {@link Controller#close} waits for running reconciles (default 30 s). */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /** The controller, not started. */
    public Controller build() {
      return new Controller(this);
    }
  }
}
