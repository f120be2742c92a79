package dev.keelson.controller.leader;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.coordination.v1.LeaseSpec;
import dev.keelson.api.coordination.v1.LeaseSpecBuilder;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for a Lease and keeps it while leading, as client-go's {@code LeaderElector}.
 *
 * <pre>{@code
 * LeaderElector elector = LeaderElector.builder(
 *         LeaseLock.of(client.resources(Lease.class).inNamespace("kube-system"), "my-manager"),
 *         hostname + "_" + UUID.randomUUID())
 *     .callbacks(new LeaderCallbacks() {
 *       public void onStartedLeading() { controllers.start(); }
 *       public void onStoppedLeading() { controllers.stop(); }
 *     })
 *     .build();
 * elector.start();
 * }</pre>
 *
 * <p>How it works (times from {@link LeaderElectionConfig}, measured on the {@link Clock}):
 *
 * <ul>
 *   <li><b>Acquire.</b> Every {@code retryPeriod} the candidate reads the lease. If there is none,
 *       it creates one naming itself. If the lease names another holder, the candidate takes it
 *       over only when that record has not changed for {@code leaseDurationSeconds} <i>as observed
 *       by this candidate's clock</i> since it last saw the record change; the lease's own {@code
 *       renewTime} is written for humans and never trusted, so clock skew between machines does not
 *       matter. A takeover writes {@code holderIdentity}, {@code acquireTime}, {@code renewTime}
 *       and {@code leaseTransitions + 1}.
 *   <li><b>Optimistic concurrency.</b> Every write carries the resourceVersion just read; a
 *       conflict (or an "already exists" on create) means another candidate won this round.
 *   <li><b>Renew.</b> The leader rewrites {@code renewTime} every {@code retryPeriod}. If renewals
 *       keep failing for {@code renewDeadline} since the round began, it stops leading ({@link
 *       LeaderCallbacks#onStoppedLeading}) — before any other candidate may take over, since {@code
 *       renewDeadline < leaseDuration} — and campaigns again.
 *   <li><b>Release.</b> With {@link LeaderElectionConfig#releaseOnCancel()}, {@link #close} empties
 *       the holder so another candidate takes over at its next attempt.
 * </ul>
 *
 * <p>Lease API calls and callbacks run on the elector's own thread (or the executor given to the
 * builder), one at a time.
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

  private final LeaseLock lock;
  private final String identity;
  private final LeaderElectionConfig config;
  private final Clock clock;
  private final LeaderCallbacks callbacks;
  private final Executor executor;
  private final ExecutorService ownExecutor;

  // Confined to the executor, except the volatile flags read by other threads.
  private Lease observedLease;
  private LeaseSpec observedSpec;
  private long observedNanos;
  private long roundStartNanos = -1;
  private String reportedLeader;
  private Clock.Timer timer;
  private volatile boolean leading;
  private volatile String observedHolder;
  private volatile boolean started;
  private volatile boolean stopped;

  private LeaderElector(Builder b) {
    this.lock = b.lock;
    this.identity = b.identity;
    this.config = b.config;
    this.clock = b.clock;
    this.callbacks = b.callbacks;
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownExecutor = null;
    } else {
      this.ownExecutor =
          Executors.newSingleThreadExecutor(
              r -> Thread.ofPlatform().daemon().name("leader-elector-" + identity).unstarted(r));
      this.executor = ownExecutor;
    }
  }

  /** A builder for a candidate called {@code identity} (unique per process) for {@code lock}. */
  public static Builder builder(LeaseLock lock, String identity) {
    return new Builder(lock, identity);
  }

  /** This candidate's identity. */
  public String identity() {
    return identity;
  }

  /** Whether this candidate currently leads (between onStartedLeading and onStoppedLeading). */
  public boolean isLeader() {
    return leading;
  }

  /** The holder this candidate last saw in the lease, or {@code null} if none. */
  public String observedLeader() {
    return observedHolder;
  }

  /** Starts campaigning; returns at once. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    executor.execute(this::acquireStep);
  }

  /**
   * Stops campaigning; if leading, releases the lease (when configured) and calls {@link
   * LeaderCallbacks#onStoppedLeading}. Waits up to the renew deadline for that to finish.
   */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    CompletableFuture<Void> finished = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            if (timer != null) {
              timer.cancel();
            }
            if (leading) {
              if (config.releaseOnCancel()) {
                release();
              }
              stopLeading();
            }
          } finally {
            finished.complete(null);
          }
        });
    try {
      finished.get(config.renewDeadline().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("leader election {}: close did not finish cleanly", lock.describe(), e);
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
  }

  private void acquireStep() {
    if (stopped) {
      return;
    }
    if (tryAcquireOrRenew()) {
      log.info("leader election {}: {} acquired the lease", lock.describe(), identity);
      leading = true;
      call("onStartedLeading", callbacks::onStartedLeading);
      roundStartNanos = -1;
      schedule(config.retryPeriod(), this::renewStep);
    } else {
      schedule(config.retryPeriod(), this::acquireStep);
    }
  }

  private void renewStep() {
    if (stopped) {
      return;
    }
    long now = clock.nanoTime();
    if (roundStartNanos < 0) {
      roundStartNanos = now;
    }
    if (tryAcquireOrRenew()) {
      roundStartNanos = -1;
      schedule(config.retryPeriod(), this::renewStep);
      return;
    }
    String holder = observedHolder;
    if (holder != null && !holder.equals(identity)) {
      loseStep(); // someone else holds the lease: stop at once rather than at the deadline
      return;
    }
    long deadline = roundStartNanos + config.renewDeadline().toNanos();
    if (now + config.retryPeriod().toNanos() < deadline) {
      schedule(config.retryPeriod(), this::renewStep);
    } else {
      schedule(Duration.ofNanos(Math.max(0, deadline - now)), this::loseStep);
    }
  }

  private void loseStep() {
    if (stopped) {
      return;
    }
    log.warn(
        "leader election {}: {} stopped leading (lease held by {}, or not renewed within {})",
        lock.describe(),
        identity,
        observedHolder,
        config.renewDeadline());
    stopLeading();
    schedule(config.retryPeriod(), this::acquireStep);
  }

  private void stopLeading() {
    leading = false;
    roundStartNanos = -1;
    call("onStoppedLeading", callbacks::onStoppedLeading);
  }

  /** One attempt, as client-go's tryAcquireOrRenew. */
  private boolean tryAcquireOrRenew() {
    long now = clock.nanoTime();
    MicroTime stamp = MicroTime.of(clock.instant());
    int seconds = (int) config.leaseDuration().toSeconds();
    Lease current;
    try {
      current = lock.get();
    } catch (RuntimeException e) {
      log.debug("leader election {}: cannot read the lease: {}", lock.describe(), e.toString());
      return false;
    }
    if (current == null) {
      LeaseSpec spec =
          LeaseSpecBuilder.builder()
              .holderIdentity(identity)
              .leaseDurationSeconds(seconds)
              .acquireTime(stamp)
              .renewTime(stamp)
              .leaseTransitions(0)
              .build();
      return write(() -> lock.create(new Lease(null, null, meta(), spec)), now);
    }
    LeaseSpec old = current.spec() != null ? current.spec() : LeaseSpecBuilder.builder().build();
    if (!old.equals(observedSpec)) {
      observedSpec = old;
      observedNanos = now;
    }
    observedLease = current;
    observe(old.holderIdentity());
    String holder = old.holderIdentity();
    boolean mine = identity.equals(holder);
    if (holder != null && !holder.isEmpty() && !mine && now < expiry(old)) {
      return false;
    }
    int transitions = old.leaseTransitions() == null ? 0 : old.leaseTransitions();
    LeaseSpec next =
        mine
            ? old.withLeaseDurationSeconds(seconds).withRenewTime(stamp)
            : old.withHolderIdentity(identity)
                .withLeaseDurationSeconds(seconds)
                .withAcquireTime(stamp)
                .withRenewTime(stamp)
                .withLeaseTransitions(transitions + 1);
    return write(() -> lock.update(current.withSpec(next)), now);
  }

  /** When the observed record expires, judged by this candidate's clock. */
  private long expiry(LeaseSpec observed) {
    long seconds =
        observed.leaseDurationSeconds() != null
            ? observed.leaseDurationSeconds()
            : config.leaseDuration().toSeconds();
    return observedNanos + TimeUnit.SECONDS.toNanos(seconds);
  }

  private boolean write(java.util.function.Supplier<Lease> call, long now) {
    Lease written;
    try {
      written = call.get();
    } catch (RuntimeException e) {
      log.debug("leader election {}: write lost: {}", lock.describe(), e.toString());
      return false;
    }
    observedLease = written;
    observedSpec = written.spec();
    observedNanos = now;
    observe(written.spec() == null ? null : written.spec().holderIdentity());
    return true;
  }

  private void release() {
    Lease last = observedLease;
    if (last == null || last.spec() == null || !identity.equals(last.spec().holderIdentity())) {
      return;
    }
    MicroTime stamp = MicroTime.of(clock.instant());
    LeaseSpec released =
        last.spec()
            .withHolderIdentity("")
            .withLeaseDurationSeconds(1)
            .withAcquireTime(stamp)
            .withRenewTime(stamp);
    try {
      observedLease = lock.update(last.withSpec(released));
      observedSpec = observedLease.spec();
      observedHolder = null;
      log.info("leader election {}: {} released the lease", lock.describe(), identity);
    } catch (RuntimeException e) {
      log.warn("leader election {}: release failed: {}", lock.describe(), e.toString());
    }
  }

  private void observe(String holder) {
    observedHolder = holder == null || holder.isEmpty() ? null : holder;
    if (observedHolder != null && !observedHolder.equals(reportedLeader)) {
      reportedLeader = observedHolder;
      String h = observedHolder;
      call("onNewLeader", () -> callbacks.onNewLeader(h));
    }
  }

  private ObjectMeta meta() {
    return ObjectMeta.named(lock.namespace(), lock.name());
  }

  private void schedule(Duration delay, Runnable step) {
    if (stopped) {
      return;
    }
    timer = clock.schedule(delay, () -> executor.execute(step));
  }

  private void call(String name, Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.error("leader election {}: {} threw", lock.describe(), name, e);
    }
  }

  /** Configures a {@link LeaderElector}. */
  public static final class Builder {
    private final LeaseLock lock;
    private final String identity;
    private LeaderElectionConfig config = LeaderElectionConfig.defaults();
    private Clock clock = Clock.system();
    private LeaderCallbacks callbacks = new LeaderCallbacks() {};
    private Executor executor;

    private Builder(LeaseLock lock, String identity) {
      this.lock = Objects.requireNonNull(lock, "lock");
      this.identity = Objects.requireNonNull(identity, "identity");
      if (identity.isEmpty()) {
        throw new IllegalArgumentException("identity must not be empty");
      }
    }

    /** The timing (default {@link LeaderElectionConfig#defaults()}). */
    public Builder config(LeaderElectionConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The clock (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** What to tell the owner. */
    public Builder callbacks(LeaderCallbacks callbacks) {
      this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
      return this;
    }

    /**
     * Where API calls and callbacks run; it must run tasks one at a time, in order (default: a
     * thread of the elector's own). Tests on a {@link dev.keelson.controller.time.FakeClock} pass
     * {@code Runnable::run} so that every step runs inside {@code advance}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The elector, not started. */
    public LeaderElector build() {
      return new LeaderElector(this);
    }
  }
}
