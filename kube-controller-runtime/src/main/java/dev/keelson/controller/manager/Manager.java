package dev.keelson.controller.manager;

import dev.keelson.api.GenericObject;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.informer.Transform;
import dev.keelson.controller.leader.LeaderCallbacks;
import dev.keelson.controller.leader.LeaderElectionConfig;
import dev.keelson.controller.leader.LeaderElector;
import dev.keelson.controller.leader.LeaseLock;
import dev.keelson.controller.queue.InMemoryQueueMetrics;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.InMemoryControllerMetrics;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs controllers and other {@link Component}s over one client, as controller-runtime's {@code
 * Manager}: one shared {@link InformerFactory} (so that one informer per resource serves every
 * controller), optional leader election on a coordination.k8s.io/v1 Lease, named health and
 * readiness checks, Prometheus metrics, and an HTTP endpoint for all three.
 *
 * <pre>{@code
 * Manager mgr = Manager.builder(client)
 *     .leaderElection("kube-system", "website-operator")
 *     .serve(new InetSocketAddress(8081))
 *     .build();
 * SharedInformer<ConfigMap> maps = mgr.informer(ConfigMap.class);
 * mgr.add(mgr.controller("configmaps", reconciler).forResource(maps).build());
 * mgr.start();
 * Runtime.getRuntime().addShutdownHook(new Thread(mgr::close));
 * mgr.terminated().toCompletableFuture().join(); // returns after close(), or throws when the lease is lost
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 *
 * {@link #start()} serves HTTP (if an address was given), starts the informers (on every replica,
 * so that a standby's caches are warm), starts the components that do not need leadership, and then
 * campaigns for the lease; components that need it ({@link Leadership#REQUIRED}, the default, and
 * every {@link Controller}) start when the lease is won. Without leader election they start at
 * once.
 *
 * <p><b>Losing the lease stops the manager</b> (controller-runtime's default): the leader-only
 * components are closed at once, inside the elector's callback, waiting for them at most {@code
 * leaseDuration - renewDeadline} (5 s by default: the time left before another candidate may take
 * over; controller-runtime waits not at all); then the whole manager shuts down and {@link
 * #terminated()} completes exceptionally with a {@link LeaderElectionLostException}. A reconcile
 * that outlives that margin may overlap the new leader's, so reconcilers must be idempotent. A
 * process exits and is restarted (by its Deployment) with fresh controllers; the manager never
 * campaigns again, because a closed {@link Controller} cannot start again.
 *
 * <p>{@link #close()} shuts down gracefully: the components stop taking work and their running
 * reconciles finish (each controller drains for its own timeout, all of it bounded by the graceful
 * shutdown timeout, default 30 s); then the informers stop, the lease is released (so that a
 * standby takes over at its next attempt; on by default), and the HTTP server stops.
 *
 * <h2>Health, readiness and metrics</h2>
 *
 * {@code /healthz} has the check {@code ping}; {@code /readyz} has {@code ping} and {@code
 * informer-sync} (fails until every informer of the manager has listed); add more with {@link
 * #addHealthzCheck} and {@link #addReadyzCheck}. Answers follow Kubernetes' healthz handler ({@code
 * ?verbose}, {@code ?exclude=name}, {@code /readyz/<name>}). {@code /metrics} serves the
 * controller-runtime and workqueue metrics of the controllers made with {@link #controller}, and
 * {@code leader_election_master_status}.
 *
 * <p>Informers strip {@code metadata.managedFields} before caching by default ({@link
 * Transform#stripManagedFields()}); see {@link Builder#transform}.
 */
public final class Manager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Manager.class);

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private record Entry(String name, Component component, Leadership leadership) {}

  private final KubeClient client;
  private final Clock clock;
  private final InformerFactory informers;
  private final InMemoryQueueMetrics queueMetrics = new InMemoryQueueMetrics();
  private final InMemoryControllerMetrics controllerMetrics = new InMemoryControllerMetrics();
  private final List<Supplier<String>> metricsSources = new CopyOnWriteArrayList<>();
  private final Map<String, HealthCheck> healthz = new LinkedHashMap<>(); // guarded by itself
  private final Map<String, HealthCheck> readyz = new LinkedHashMap<>(); // guarded by itself
  private final List<Entry> components = new ArrayList<>(); // guarded by this
  private final Set<String> controllerNames = new HashSet<>(); // guarded by this
  private final LeaderElector elector; // null: no leader election
  private final LeaseLock lock;
  private final String identity;
  private final InetSocketAddress address;
  private final Duration gracefulShutdownTimeout;
  private final Duration lossMargin; // leaseDuration - renewDeadline
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private State state = State.NEW; // guarded by this
  private boolean leaderComponentsRunning; // guarded by this
  private volatile boolean leading;
  private volatile HealthEndpoints http;

  private Manager(Builder b) {
    this.client = b.client;
    this.clock = b.clock;
    this.informers = InformerFactory.create(b.client, b.clock, b.informerDefaults, b.transform);
    this.lock = b.lock;
    this.identity = b.identity != null ? b.identity : defaultIdentity();
    this.address = b.address;
    this.gracefulShutdownTimeout = b.gracefulShutdownTimeout;
    this.lossMargin = b.leaderConfig.leaseDuration().minus(b.leaderConfig.renewDeadline());
    healthz.put("ping", HealthCheck.ping());
    readyz.put("ping", HealthCheck.ping());
    readyz.put("informer-sync", this::checkInformersSynced);
    if (lock != null) {
      LeaderElector.Builder eb =
          LeaderElector.builder(lock, identity)
              .clock(b.clock)
              .config(b.leaderConfig)
              .callbacks(new Callbacks());
      if (b.electorExecutor != null) {
        eb.executor(b.electorExecutor);
      }
      this.elector = eb.build();
    } else {
      this.elector = null;
    }
  }

  /** A builder of a manager over {@code client}. */
  public static Builder builder(KubeClient client) {
    return new Builder(client);
  }

  private static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    return host + "_" + UUID.randomUUID();
  }

  // ---- what controllers use ------------------------------------------------------------------

  /** The client the manager was built over. */
  public KubeClient client() {
    return client;
  }

  /** The clock of the informers, queues and elector. */
  public Clock clock() {
    return clock;
  }

  /** The shared informer factory. */
  public InformerFactory informers() {
    return informers;
  }

  /** The shared informer of a kind in all namespaces. */
  public <T extends KubernetesObject> SharedInformer<T> informer(Class<T> type) {
    return informers.informer(type);
  }

  /** The shared informer of a kind for these options (namespace, selectors). */
  public <T extends KubernetesObject> SharedInformer<T> informer(
      Class<T> type, InformerOptions options) {
    return informers.informer(type, options);
  }

  /** The shared informer of any resource (custom resources) as generic objects. */
  public SharedInformer<GenericObject> informer(ResourceType type) {
    return informers.generic(type, informers.defaults());
  }

  /**
   * A controller builder that reports to this manager's metrics and runs on its clock; add the
   * built controller with {@link #add(Controller)}.
   */
  public Controller.Builder controller(String name, Reconciler reconciler) {
    return Controller.builder(name, reconciler)
        .clock(clock)
        .queueMetrics(queueMetrics)
        .metrics(controllerMetrics);
  }

  /**
   * Adds a controller; it runs only while this manager leads. Names must be unique.
   *
   * @throws IllegalArgumentException if a controller of that name was added before
   */
  public Manager add(Controller controller) {
    synchronized (this) {
      if (!controllerNames.add(controller.name())) {
        throw new IllegalArgumentException(
            "controller named '" + controller.name() + "' already added");
      }
    }
    return add(
        "controller " + controller.name(),
        new Component() {
          @Override
          public void start() {
            controller.start();
          }

          @Override
          public void close() {
            controller.close();
          }
        },
        Leadership.REQUIRED);
  }

  /** Adds a component that runs only while this manager leads. */
  public Manager add(Component component) {
    return add(component, Leadership.REQUIRED);
  }

  /** Adds a component; one added to a running manager starts at once if it may run now. */
  public Manager add(Component component, Leadership leadership) {
    return add(component.toString(), component, leadership);
  }

  private Manager add(String name, Component component, Leadership leadership) {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(leadership, "leadership");
    Entry e = new Entry(name, component, leadership);
    boolean startNow;
    synchronized (this) {
      if (state == State.STOPPING || state == State.STOPPED) {
        throw new IllegalStateException("manager is stopping");
      }
      components.add(e);
      startNow =
          state == State.RUNNING
              && (leadership == Leadership.NOT_REQUIRED || leaderComponentsRunning);
      if (startNow) {
        startOne(e);
      }
    }
    return this;
  }

  /** Adds a check to {@code /healthz} (replacing one of the same name). */
  public Manager addHealthzCheck(String name, HealthCheck check) {
    synchronized (healthz) {
      healthz.put(checkName(name), Objects.requireNonNull(check, "check"));
    }
    return this;
  }

  /** Adds a check to {@code /readyz} (replacing one of the same name). */
  public Manager addReadyzCheck(String name, HealthCheck check) {
    synchronized (readyz) {
      readyz.put(checkName(name), Objects.requireNonNull(check, "check"));
    }
    return this;
  }

  /** Adds text in the Prometheus exposition format to {@code /metrics}. */
  public Manager addMetricsSource(Supplier<String> source) {
    metricsSources.add(Objects.requireNonNull(source, "source"));
    return this;
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("check names are non-empty and have no '/': " + name);
    }
    return name;
  }

  // ---- state ------------------------------------------------------------------------------------

  /** This manager's leader-election identity. */
  public String identity() {
    return identity;
  }

  /** Whether the leader-only components may run: this manager leads, or elects no leader. */
  public boolean isLeader() {
    return leading;
  }

  /** Where the HTTP endpoints listen (the real port when 0 was asked for). */
  public InetSocketAddress httpAddress() {
    HealthEndpoints h = http;
    if (h == null) {
      throw new IllegalStateException("no HTTP endpoint: started with serve(address)?");
    }
    return h.address();
  }

  /** The reconcile metrics of the controllers made with {@link #controller}. */
  public InMemoryControllerMetrics controllerMetrics() {
    return controllerMetrics;
  }

  /** The queue metrics of the controllers made with {@link #controller}. */
  public InMemoryQueueMetrics queueMetrics() {
    return queueMetrics;
  }

  /** What {@code /metrics} serves. */
  public String metricsText() {
    StringBuilder out = new StringBuilder();
    out.append(controllerMetrics.prometheusText());
    out.append(queueMetrics.prometheusText());
    if (lock != null) {
      out.append("# HELP leader_election_master_status Gauge of if the reporting system is")
          .append(" master of the relevant lease, 0 indicates backup, 1 indicates master.")
          .append(" 'name' is the string used to identify the lease.\n")
          .append("# TYPE leader_election_master_status gauge\n")
          .append("leader_election_master_status{name=\"")
          .append(lock.name())
          .append("\"} ")
          .append(leading ? 1 : 0)
          .append('\n');
    }
    for (Supplier<String> s : metricsSources) {
      out.append(s.get());
    }
    return out.toString();
  }

  /** The readiness checks by name (a snapshot), as {@code /readyz} runs them. */
  public Map<String, HealthCheck> readyzChecks() {
    synchronized (readyz) {
      return Map.copyOf(readyz);
    }
  }

  private Map<String, HealthCheck> healthzSnapshot() {
    synchronized (healthz) {
      return new LinkedHashMap<>(healthz);
    }
  }

  private Map<String, HealthCheck> readyzSnapshot() {
    synchronized (readyz) {
      return new LinkedHashMap<>(readyz);
    }
  }

  private void checkInformersSynced() {
    if (!informers.started()) {
      throw new IllegalStateException("informers not started");
    }
    for (SharedInformer<?> i : informers.snapshot()) {
      if (!i.hasSynced()) {
        throw new IllegalStateException(i + " has not synced");
      }
    }
  }

  /**
   * Completes when the manager has stopped: normally after {@link #close()}, exceptionally with a
   * {@link LeaderElectionLostException} when it lost the lease, or with the exception of a
   * component that failed to start.
   */
  public CompletionStage<Void> terminated() {
    return terminated;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /**
   * Serves HTTP, starts the informers and the components that need no leadership, and campaigns (or
   * starts the leader-only components at once without leader election). Returns at once.
   *
   * @throws IllegalStateException if already started
   * @throws UncheckedIOException if the HTTP address cannot be bound
   */
  public void start() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("manager already started");
      }
      if (address != null) {
        try {
          http =
              new HealthEndpoints(
                  address, this::healthzSnapshot, this::readyzSnapshot, this::metricsText);
        } catch (IOException e) {
          state = State.STOPPED;
          terminated.completeExceptionally(e);
          throw new UncheckedIOException("cannot serve on " + address, e);
        }
      }
      state = State.RUNNING;
      informers.start();
      for (Entry e : components) {
        if (e.leadership() == Leadership.NOT_REQUIRED) {
          startOne(e);
        }
      }
    }
    log.info("manager {}: started", identity);
    if (elector != null) {
      elector.start();
    } else {
      startLeaderComponents();
    }
  }

  private void startOne(Entry e) {
    try {
      e.component().start();
    } catch (Exception ex) {
      log.error("manager {}: {} failed to start", identity, e.name(), ex);
      shutDownAsync(ex);
    }
  }

  private void startLeaderComponents() {
    synchronized (this) {
      if (state != State.RUNNING || leaderComponentsRunning) {
        return;
      }
      leaderComponentsRunning = true;
      leading = true;
      for (Entry e : components) {
        if (e.leadership() == Leadership.REQUIRED) {
          startOne(e);
        }
      }
    }
  }

  /** Closes the leader-only components; returns when they have stopped or after {@code bound}. */
  private void stopLeaderComponents(Duration bound) {
    List<Entry> running;
    synchronized (this) {
      leading = false;
      if (!leaderComponentsRunning) {
        return;
      }
      leaderComponentsRunning = false;
      running = components.stream().filter(e -> e.leadership() == Leadership.REQUIRED).toList();
    }
    closeAll(running, bound);
  }

  /** Closes components in parallel, waiting at most {@code bound} for all of them. */
  private void closeAll(List<Entry> entries, Duration bound) {
    List<Thread> closers = new ArrayList<>();
    for (Entry e : entries) {
      closers.add(
          Thread.ofVirtual()
              .name("manager-close-" + e.name())
              .start(
                  () -> {
                    try {
                      e.component().close();
                    } catch (RuntimeException ex) {
                      log.warn("manager {}: closing {} failed", identity, e.name(), ex);
                    }
                  }));
    }
    long deadline = System.nanoTime() + bound.toNanos();
    try {
      for (Thread t : closers) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !t.join(Duration.ofNanos(left))) {
          log.warn("manager {}: components still stopping after {}", identity, bound);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Shuts down gracefully (see the class documentation) and returns when done. Idempotent; a
   * manager cannot start again.
   */
  @Override
  public void close() {
    shutDown(null);
    try {
      terminated
          .exceptionally(t -> null)
          .get(gracefulShutdownTimeout.toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("manager {}: shutdown did not finish: {}", identity, e.toString());
    }
  }

  private void shutDownAsync(Throwable cause) {
    synchronized (this) {
      if (state == State.STOPPING || state == State.STOPPED) {
        return;
      }
    }
    Thread.ofVirtual().name("manager-shutdown").start(() -> shutDown(cause));
  }

  private void shutDown(Throwable cause) {
    List<Entry> others;
    synchronized (this) {
      if (state == State.STOPPING || state == State.STOPPED) {
        return;
      }
      boolean wasNew = state == State.NEW;
      state = State.STOPPING;
      if (wasNew) {
        informers.close();
        state = State.STOPPED;
        terminated.complete(null);
        return;
      }
      others = components.stream().filter(e -> e.leadership() == Leadership.NOT_REQUIRED).toList();
    }
    log.info(
        "manager {}: stopping{}", identity, cause == null ? "" : " (" + cause.getMessage() + ")");
    stopLeaderComponents(gracefulShutdownTimeout);
    closeAll(others, gracefulShutdownTimeout);
    informers.close();
    if (elector != null) {
      elector.close(); // releases the lease if configured; its onStoppedLeading finds nothing to do
    }
    HealthEndpoints h = http;
    if (h != null) {
      h.close();
    }
    synchronized (this) {
      state = State.STOPPED;
    }
    log.info("manager {}: stopped", identity);
    if (cause == null) {
      terminated.complete(null);
    } else {
      terminated.completeExceptionally(cause);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The elector's callbacks: start and stop the leader-only components. */
  private final class Callbacks implements LeaderCallbacks {
    @Override
    public void onStartedLeading() {
      log.info("manager {}: leading", identity);
      startLeaderComponents();
    }

    @Override
    public void onStoppedLeading() {
      boolean lost;
      synchronized (Manager.this) {
        lost = state == State.RUNNING;
      }
      // Stop the leader's work before returning, so that it ends before anyone else may start:
      // others wait leaseDuration from the last renewal, we gave up renewDeadline after it.
      stopLeaderComponents(
          lost ? min(lossMargin, gracefulShutdownTimeout) : gracefulShutdownTimeout);
      if (lost) {
        log.error("manager {}: lost the lease {}; shutting down", identity, lock.describe());
        shutDownAsync(new LeaderElectionLostException(lock.describe(), identity));
      }
    }

    @Override
    public void onNewLeader(String holder) {
      log.info("manager {}: the leader is {}", identity, holder);
    }
  }

  /** Configures a {@link Manager}. */
  public static final class Builder {
    private final KubeClient client;
    private Clock clock = Clock.system();
    private InformerOptions informerDefaults = InformerOptions.defaults();
    private Transform transform = Transform.stripManagedFields();
    private LeaseLock lock;
    private String identity;
    private LeaderElectionConfig leaderConfig =
        LeaderElectionConfig.defaults().withReleaseOnCancel(true);
    private Executor electorExecutor;
    private InetSocketAddress address;
    private Duration gracefulShutdownTimeout = Duration.ofSeconds(30);

    private Builder(KubeClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /** The clock of informers, queues and the elector (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The options of informers asked for without options (default: all namespaces). */
    public Builder informerDefaults(InformerOptions options) {
      this.informerDefaults = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * What every informer does to objects before caching them (default {@link
     * Transform#stripManagedFields()}; {@link Transform#identity()} keeps them whole).
     */
    public Builder transform(Transform transform) {
      this.transform = Objects.requireNonNull(transform, "transform");
      return this;
    }

    /** Elects a leader on the Lease {@code name} in {@code namespace}. */
    public Builder leaderElection(String namespace, String name) {
      return leaderElection(
          LeaseLock.of(client.resources(Lease.class).inNamespace(namespace), name));
    }

    /** Elects a leader on this lock. */
    public Builder leaderElection(LeaseLock lock) {
      this.lock = Objects.requireNonNull(lock, "lock");
      return this;
    }

    /** This replica's identity in the lease (default {@code hostname_uuid}). */
    public Builder leaderElectionIdentity(String identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The election's timing (default: client-go's 15 s / 10 s / 2 s, releasing the lease on close).
     */
    public Builder leaderElectionConfig(LeaderElectionConfig config) {
      this.leaderConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Where the elector runs its steps (see {@link LeaderElector.Builder#executor}); tests on a
     * {@link dev.keelson.controller.time.FakeClock} pass {@code Runnable::run}.
     */
    public Builder leaderElectionExecutor(Executor executor) {
      this.electorExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Serves {@code /healthz}, {@code /readyz} and {@code /metrics} on this address. */
    public Builder serve(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** How long {@link Manager#close} waits for components to stop (default 30 s). */
    public Builder gracefulShutdownTimeout(Duration timeout) {
      this.gracefulShutdownTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The manager, not started. */
    public Manager build() {
      return new Manager(this);
    }
  }
}
