package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.EphemeralContainer;
import dev.keelson.api.core.v1.LifecycleHandler;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodReadinessGate;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodStatus;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.Preconditions;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.queue.DelayingQueue;
import dev.keelson.controller.queue.QueueOptions;
import dev.keelson.controller.time.Clock;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkRequest;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.PodHandler;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.ContainerEvents;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.DnsConfig;
import dev.keelson.node.spi.Mount;
import dev.keelson.node.spi.PodSandboxConfig;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import dev.keelson.node.spi.Prober;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives this node's pods: a keyed queue (by pod uid) with a few workers, so one pod never syncs on
 * two threads at once. Each sync brings the runtime in line with the pod (sandbox, network, init
 * containers in order, containers, restarts with crash-loop backoff, probe-driven kills) and writes
 * the pod's status through {@code pods/status} when it changed. Deletions and probe kills run on
 * their own virtual threads because stopping a container waits for its grace period. Like kubelet
 * it records Events about each pod (source component {@code kubelet}, host the node's name): {@code
 * Pulling}, {@code Pulled}, {@code Created}, {@code Started}, {@code Killing}, {@code BackOff},
 * {@code Failed}, {@code ErrImageNeverPull}.
 */
public final class PodWorkers implements PodHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);
  private static final Duration MIN_GRACE_AFTER_PRESTOP = Duration.ofSeconds(2);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final KubeClient client;
  private final NodeAgentConfig config;
  private final Clock clock;
  private final ContainerRuntime runtime;
  private final PodNetwork network;
  private final Prober prober;
  private final Supplier<String> podCidr;
  private final StatusGenerator statuses;
  private final CrashBackoff backoff = new CrashBackoff();
  private final DelayingQueue<String> queue;
  private final Map<String, PodRecord> records = new ConcurrentHashMap<>();
  private final Map<String, String> sandboxToUid = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final String runtimeName;
  private final LazyEventRecorder events;
  private final VolumeManager volumes;
  private final DnsConfigurer dns;

  /** Workers for the node in {@code config}. */
  public PodWorkers(
      KubeClient client,
      NodeAgentConfig config,
      ContainerRuntime runtime,
      PodNetwork network,
      Prober prober,
      Supplier<String> podCidr) {
    this.client = client;
    this.config = config;
    this.clock = config.clock();
    this.runtime = runtime;
    this.network = network;
    this.prober = prober;
    this.podCidr = podCidr;
    this.runtimeName = runtime.version().runtimeName();
    this.statuses = new StatusGenerator(runtimeName, config.hostIp());
    this.events = new LazyEventRecorder(client, config.nodeName(), clock);
    this.volumes = new VolumeManager(config.rootDir(), clock, config.allocatable());
    this.dns =
        new DnsConfigurer(
            config.clusterDns(), config.clusterDomain(), config.hostResolvConf(), events);
    this.queue =
        DelayingQueue.create(
            QueueOptions.defaults().withName("pods " + config.nodeName()).withClock(clock));
  }

  /** Starts the workers and subscribes to runtime events. */
  public void start() {
    if (runtime instanceof ContainerEvents events) {
      events.onContainerEvent(
          info -> {
            String uid = sandboxToUid.get(info.sandboxId());
            if (uid != null) {
              queue.add(uid);
            }
          });
    }
    for (int i = 0; i < config.workers(); i++) {
      workers.add(
          Thread.ofVirtual().name("pod worker " + config.nodeName() + "#" + i).start(this::work));
    }
  }

  /** How many pods this node holds now. */
  public int podCount() {
    return records.size();
  }

  /** The directory of a pod's container logs: {@code <podLogsDirectory>/<ns>_<name>_<uid>}. */
  private Path logDirectory(Pod pod) {
    return Path.of(config.podLogsDirectory())
        .resolve(
            pod.metadata().namespace() + "_" + pod.metadata().name() + "_" + pod.metadata().uid());
  }

  /**
   * The instance of container {@code container} of pod {@code namespace/name} whose log or streams
   * a request asks for, following kubelet's rules: with {@code previous} the instance before the
   * current one; otherwise the current one, or the last one while the container waits to restart.
   *
   * @throws NodeRequestException 404 for an unknown pod, 400 for a container that has no such
   *     instance, with kubelet's messages
   */
  public ContainerHandle container(
      String namespace, String name, String container, boolean previous) {
    PodRecord rec = null;
    for (PodRecord r : records.values()) {
      Pod p = r.newest();
      if (p.metadata().namespace().equals(namespace) && p.metadata().name().equals(name)) {
        rec = r;
        break;
      }
    }
    if (rec == null) {
      throw new NodeRequestException(404, "pod \"" + name + "\" does not exist");
    }
    synchronized (rec) {
      Pod pod = rec.pod;
      boolean declared =
          pod.spec().container(container) != null
              || pod.spec().ephemeralContainers().stream()
                  .anyMatch(c -> c.name().equals(container));
      ContainerRecord cr = rec.containers.get(container);
      if (!declared && cr == null) {
        throw new NodeRequestException(
            400, "container \"" + container + "\" in pod \"" + name + "\" is not available");
      }
      Path dir = logDirectory(pod).resolve(container);
      if (previous) {
        if (cr == null || cr.previous == null) {
          throw new NodeRequestException(
              400,
              "previous terminated container \""
                  + container
                  + "\" in pod \""
                  + name
                  + "\" not found");
        }
        return new ContainerHandle(
            cr.previous.id(), dir.resolve(cr.previous.attempt() + ".log"), false);
      }
      if (cr != null && cr.current != null) {
        return new ContainerHandle(
            cr.current.id(), dir.resolve(cr.current.attempt() + ".log"), true);
      }
      if (cr != null && cr.previous != null) {
        return new ContainerHandle(
            cr.previous.id(), dir.resolve(cr.previous.attempt() + ".log"), false);
      }
      String reason =
          cr != null && cr.waitingReason != null ? cr.waitingReason : "ContainerCreating";
      throw new NodeRequestException(
          400,
          "container \"" + container + "\" in pod \"" + name + "\" is waiting to start: " + reason);
    }
  }

  /**
   * Takes a newer copy of a pod and syncs it, unless the change is one a sync has nothing to do
   * for: only the status moved, without a change of phase (mostly this agent's own status writes).
   * Like kubelet's reconcile of status-only updates, such a change is kept for the next sync and
   * does not cut short a retry's back-off. It never waits for a sync in progress (the source's
   * thread serves every pod of the node).
   */
  @Override
  public void podUpdated(Pod pod) {
    String uid = pod.metadata().uid();
    boolean[] added = {false};
    PodRecord rec =
        records.computeIfAbsent(
            uid,
            u -> {
              added[0] = true;
              return new PodRecord(u, pod);
            });
    Pod before = rec.offer(pod);
    Pod now = rec.newest();
    boolean sync = added[0] || now != before && !onlyStatusMoved(before, now);
    if (sync) {
      queue.add(uid);
    }
  }

  /**
   * Whether {@code after} differs from {@code before} only in its status, phase and readiness gates
   * aside (a gate's condition, set by another controller, decides the pod's Ready condition, which
   * kubelet reconciles at once too).
   */
  static boolean onlyStatusMoved(Pod before, Pod after) {
    return Objects.equals(before.spec(), after.spec())
        && Objects.equals(phase(before), phase(after))
        && Objects.equals(bookkeepingAside(before.metadata()), bookkeepingAside(after.metadata()))
        && sameGates(before, after);
  }

  private static boolean sameGates(Pod before, Pod after) {
    if (after.spec() == null) {
      return true;
    }
    for (PodReadinessGate g : after.spec().readinessGates()) {
      if (!Objects.equals(gateStatus(before, g), gateStatus(after, g))) {
        return false;
      }
    }
    return true;
  }

  private static String gateStatus(Pod pod, PodReadinessGate gate) {
    if (pod.status() == null) {
      return null;
    }
    PodCondition c = pod.status().condition(gate.conditionType());
    return c == null ? null : c.status();
  }

  private static String phase(Pod pod) {
    return pod.status() == null ? null : pod.status().phase();
  }

  /** Metadata without what every write changes (resourceVersion, managedFields). */
  private static ObjectMeta bookkeepingAside(ObjectMeta meta) {
    return meta == null ? null : meta.withResourceVersion(null).withManagedFields(List.of());
  }

  @Override
  public void podRemoved(Pod lastKnown) {
    PodRecord rec = records.get(lastKnown.metadata().uid());
    if (rec != null) {
      rec.removed = true;
      queue.add(rec.key);
    }
  }

  private void work() {
    while (true) {
      String uid;
      try {
        uid = queue.get();
      } catch (InterruptedException e) {
        return;
      }
      if (uid == null) {
        return;
      }
      try {
        sync(uid);
      } catch (RuntimeException e) {
        if (queue.isShuttingDown()) {
          return; // closing: calls in flight were interrupted
        }
        LOG.warn("sync of pod {} failed: {}", uid, e.toString());
        queue.addAfter(uid, RETRY);
      } finally {
        queue.done(uid);
      }
    }
  }

  // ---- the sync step ----

  private void sync(String uid) {
    PodRecord rec = records.get(uid);
    if (rec == null) {
      return;
    }
    PodStatus status;
    Pod pod;
    boolean terminal;
    synchronized (rec) {
      if (rec.terminating) {
        return;
      }
      rec.pod = rec.newest();
      pod = rec.pod;
      if (rec.removed || pod.metadata().deletionTimestamp() != null) {
        rec.terminating = true;
        rec.stopAllProbes();
        Thread.ofVirtual().name("kill pod " + pod.metadata().name()).start(() -> terminate(rec));
        return;
      }
      String phase = pod.status() == null ? null : pod.status().phase();
      terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
      if (terminal) {
        rec.stopAllProbes();
        stopSandbox(rec);
      } else {
        rec.sources = new ConfigSources(client, pod.metadata().namespace());
        try {
          if (!setUpVolumes(rec) || !ensureSandbox(rec)) {
            queue.addAfter(uid, RETRY);
          } else {
            refresh(rec);
            runContainers(rec);
          }
        } finally {
          rec.sources = null;
        }
      }
      status = statuses.generate(rec, pod, clock.instant());
    }
    writeStatus(rec, pod, status);
    if (!terminal) {
      queue.addAfter(uid, config.podResyncInterval());
    }
  }

  /**
   * Sets up or refreshes the pod's volumes. Failures are reported as {@code FailedMount} events;
   * until every volume was set up once, containers wait in ContainerCreating.
   */
  private boolean setUpVolumes(PodRecord rec) {
    Pod pod = rec.pod;
    VolumeManager.SetUp done = volumes.setUp(pod, rec.sources);
    Map<String, MountedVolume> merged = new LinkedHashMap<>(rec.volumes);
    merged.putAll(done.volumes());
    rec.volumes = Map.copyOf(merged);
    for (var e : done.errors().entrySet()) {
      events.warning(
          pod,
          "FailedMount",
          "MountVolume.SetUp failed for volume \"" + e.getKey() + "\" : " + e.getValue());
    }
    if (done.errors().isEmpty()) {
      rec.volumesReady = true;
    }
    return rec.volumesReady;
  }

  /** The directory of the pod on this node ({@code <rootDir>/pods/<uid>}). */
  public java.nio.file.Path podDir(String uid) {
    return volumes.podDir(uid);
  }

  private boolean ensureSandbox(PodRecord rec) {
    Pod pod = rec.pod;
    if (rec.startTime == null) {
      rec.startTime =
          pod.status() != null && pod.status().startTime() != null
              ? pod.status().startTime()
              : clock.instant();
    }
    if (rec.sandboxId == null) {
      Map<String, String> labels = new LinkedHashMap<>(pod.metadata().labels());
      labels.put("io.kubernetes.pod.name", pod.metadata().name());
      labels.put("io.kubernetes.pod.namespace", pod.metadata().namespace());
      labels.put("io.kubernetes.pod.uid", pod.metadata().uid());
      PodSpec spec = pod.spec();
      DnsConfig dnsConfig = dns.forPod(pod);
      try {
        DnsConfigurer.write(volumes.podDir(pod.metadata().uid()), dnsConfig);
      } catch (IOException e) {
        LOG.info("writing resolv.conf of pod {} failed: {}", pod.metadata().name(), e.toString());
      }
      String sandbox;
      try {
        sandbox =
            runtime.runPodSandbox(
                new PodSandboxConfig(
                    pod.metadata().name(),
                    pod.metadata().namespace(),
                    pod.metadata().uid(),
                    0,
                    spec.hostname() != null ? spec.hostname() : pod.metadata().name(),
                    logDirectory(pod).toString(),
                    Boolean.TRUE.equals(spec.hostNetwork()),
                    labels,
                    pod.metadata().annotations(),
                    dnsConfig));
      } catch (RuntimeException e) {
        // kubelet's event; the pod stays Pending (ContainerCreating) and the sync retries
        events.warning(
            pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: " + e.getMessage());
        return false;
      }
      rec.sandboxId = sandbox;
      rec.sandboxReady = true;
      sandboxToUid.put(sandbox, rec.key);
    }
    if (!rec.networkSetUp && !Boolean.TRUE.equals(rec.pod.spec().hostNetwork())) {
      try {
        rec.podIps = network.setUp(networkRequest(rec)).ips();
        rec.networkSetUp = true;
      } catch (RuntimeException e) {
        // Under CRI the network is set up inside RunPodSandbox, so kubelet reports it as such.
        LOG.info("network set-up of pod {} failed: {}", rec.pod.metadata().name(), e.toString());
        events.warning(
            rec.pod,
            "FailedCreatePodSandBox",
            "Failed to create pod sandbox: failed to set up network for sandbox \""
                + rec.sandboxId
                + "\": "
                + e.getMessage());
        return false;
      }
    }
    return true;
  }

  private PodNetworkRequest networkRequest(PodRecord rec) {
    Pod pod = rec.pod;
    String netns = "";
    try {
      netns = runtime.podSandboxStatus(rec.sandboxId).netnsPath();
    } catch (RuntimeException e) {
      // gone already: tear-down needs no path
    }
    return new PodNetworkRequest(
        pod.metadata().namespace(),
        pod.metadata().name(),
        pod.metadata().uid(),
        rec.sandboxId,
        netns,
        podCidr.get());
  }

  private void stopSandbox(PodRecord rec) {
    if (rec.sandboxId == null || !rec.sandboxReady) {
      return;
    }
    runtime.stopPodSandbox(rec.sandboxId);
    rec.sandboxReady = false;
    if (rec.networkSetUp) {
      network.tearDown(networkRequest(rec));
      rec.networkSetUp = false;
    }
    refresh(rec);
  }

  private void refresh(PodRecord rec) {
    for (ContainerRecord cr : rec.containers.values()) {
      if (cr.containerId != null) {
        try {
          cr.current = runtime.containerStatus(cr.containerId);
        } catch (dev.keelson.node.spi.NotFoundException e) {
          cr.current = null;
          cr.containerId = null;
        }
      }
    }
  }

  private void runContainers(PodRecord rec) {
    Pod pod = rec.pod;
    PodSpec spec = pod.spec();
    String policy = spec.restartPolicy() == null ? "Always" : spec.restartPolicy();
    // Ephemeral containers start as soon as they are added, init containers done or not, and
    // run once: neither restarted nor probed (kubelet's computePodActions).
    for (EphemeralContainer e : spec.ephemeralContainers()) {
      Container c = e.asContainer();
      ContainerRecord cr = rec.ephemeral(c);
      if (cr.current == null && cr.containerId == null) {
        start(rec, c, cr);
      }
    }
    for (Container c : spec.initContainers()) {
      ContainerRecord cr = rec.container(c, true);
      if (cr.current == null) {
        if (cr.waitingReason == null || !"CrashLoopBackOff".equals(cr.waitingReason)) {
          start(rec, c, cr);
        }
        return;
      }
      switch (cr.current.state()) {
        case CREATED, RUNNING, UNKNOWN -> {
          return;
        }
        default -> {
          if (cr.current.exitCode() == 0) {
            continue;
          }
          if (policy.equals("Never")) {
            rec.initFailed = true;
            return;
          }
          restart(rec, c, cr);
          return;
        }
      }
    }
    for (Container c : spec.containers()) {
      ContainerRecord cr = rec.container(c, false);
      if (cr.current == null) {
        start(rec, c, cr);
        continue;
      }
      switch (cr.current.state()) {
        case RUNNING -> {
          ensureProbes(rec, c, cr);
          if (cr.killMessage != null && !cr.stopping) {
            killForProbe(rec, c, cr);
          }
        }
        case EXITED -> {
          cr.stopProbes();
          boolean again =
              policy.equals("Always") || (policy.equals("OnFailure") && cr.current.exitCode() != 0);
          if (again) {
            restart(rec, c, cr);
          }
        }
        default -> {}
      }
    }
  }

  private void start(PodRecord rec, Container c, ContainerRecord cr) {
    Pod pod = rec.pod;
    try {
      String pull = c.imagePullPolicy() == null ? "IfNotPresent" : c.imagePullPolicy();
      boolean present = runtime.imageStatus(c.image()).isPresent();
      if (pull.equals("Never") && !present) {
        cr.waitingReason = "ErrImageNeverPull";
        cr.waitingMessage =
            "Container image \"" + c.image() + "\" is not present with pull policy of Never";
        events.warning(pod, "ErrImageNeverPull", cr.waitingMessage);
        return;
      }
      if (pull.equals("Always") || !present) {
        // Kubelet's image back-off, per pod and image: 10 s doubling to 5 min after each failed
        // pull; a sync inside it does not pull and reports ImagePullBackOff.
        String imageKey = rec.key + "/image/" + c.image();
        Duration wait = backoff.remainingSinceUpdate(imageKey, clock.instant());
        if (wait.isPositive()) {
          cr.waitingReason = "ImagePullBackOff";
          cr.waitingMessage = "Back-off pulling image \"" + c.image() + "\"";
          events.normal(pod, "BackOff", cr.waitingMessage);
          events.warning(pod, "Failed", "Error: ImagePullBackOff");
          queue.addAfter(rec.key, wait);
          return;
        }
        events.normal(pod, "Pulling", "Pulling image \"" + c.image() + "\"");
        Instant pullStart = clock.instant();
        try {
          runtime.pullImage(c.image());
        } catch (RuntimeException e) {
          backoff.next(imageKey, clock.instant());
          cr.waitingReason = "ErrImagePull";
          cr.waitingMessage = "Failed to pull image \"" + c.image() + "\": " + e.getMessage();
          events.warning(pod, "Failed", cr.waitingMessage);
          events.warning(pod, "Failed", "Error: ErrImagePull");
          queue.addAfter(rec.key, RETRY);
          return;
        }
        String took = goDuration(Duration.between(pullStart, clock.instant()));
        events.normal(
            pod,
            "Pulled",
            "Successfully pulled image \""
                + c.image()
                + "\" in "
                + took
                + " ("
                + took
                + " including waiting)");
      } else {
        events.normal(
            pod, "Pulled", "Container image \"" + c.image() + "\" already present on machine");
      }
      List<String> ips =
          Boolean.TRUE.equals(pod.spec().hostNetwork()) ? List.of(config.hostIp()) : rec.podIps;
      ConfigSources sources =
          rec.sources != null ? rec.sources : new ConfigSources(client, pod.metadata().namespace());
      Map<String, String> env =
          new EnvResolver(sources, events, config.allocatable())
              .resolve(pod, c, ips, config.hostIp());
      List<Mount> mounts = Mounts.resolve(c, rec.volumes, env);
      List<String> command = c.command().stream().map(x -> Expansion.expand(x, env::get)).toList();
      List<String> args = c.args().stream().map(x -> Expansion.expand(x, env::get)).toList();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("io.kubernetes.container.name", c.name());
      labels.put("io.kubernetes.pod.name", pod.metadata().name());
      labels.put("io.kubernetes.pod.namespace", pod.metadata().namespace());
      labels.put("io.kubernetes.pod.uid", pod.metadata().uid());
      String id =
          runtime.createContainer(
              rec.sandboxId,
              new ContainerConfig(
                  c.name(),
                  cr.restartCount,
                  c.image(),
                  command,
                  args,
                  c.workingDir(),
                  env,
                  c.name() + "/" + cr.restartCount + ".log",
                  labels,
                  Map.of("io.kubernetes.container.restartCount", String.valueOf(cr.restartCount)),
                  mounts,
                  Boolean.TRUE.equals(c.stdin()),
                  Boolean.TRUE.equals(c.stdinOnce()),
                  Boolean.TRUE.equals(c.tty())));
      cr.containerId = id;
      events.normal(pod, "Created", "Created container: " + c.name());
      cr.started = c.startupProbe() == null;
      cr.ready = c.readinessProbe() == null;
      cr.killMessage = null;
      cr.waitingReason = null;
      cr.waitingMessage = null;
      runtime.startContainer(id);
      events.normal(pod, "Started", "Started container " + c.name());
      LifecycleHandler post = c.lifecycle() == null ? null : c.lifecycle().postStart();
      if (post != null && post.exec() != null) {
        runtime.execSync(id, post.exec().command(), Duration.ofSeconds(30));
      }
      cr.current = runtime.containerStatus(id);
      if (cr.current.state() == ContainerState.RUNNING && !cr.init && !cr.ephemeral) {
        ensureProbes(rec, c, cr);
      }
    } catch (ContainerConfigException e) {
      cr.waitingReason = "CreateContainerConfigError";
      cr.waitingMessage = e.getMessage();
      events.warning(pod, "Failed", "Error: " + e.getMessage());
      queue.addAfter(rec.key, RETRY);
    } catch (RuntimeException e) {
      cr.waitingReason = cr.containerId == null ? "CreateContainerError" : "RunContainerError";
      cr.waitingMessage = e.getMessage();
      events.warning(pod, "Failed", "Error: " + e.getMessage());
      queue.addAfter(rec.key, RETRY);
    }
  }

  private void restart(PodRecord rec, Container c, ContainerRecord cr) {
    String key = rec.key + "/" + c.name();
    Instant finished = cr.current.finishedAt() == null ? clock.instant() : cr.current.finishedAt();
    Duration wait = backoff.remaining(key, finished, clock.instant());
    if (wait.isPositive()) {
      Pod pod = rec.pod;
      cr.waitingReason = "CrashLoopBackOff";
      cr.waitingMessage =
          "back-off "
              + goDuration(backoff.current(key))
              + " restarting failed container="
              + c.name()
              + " pod="
              + pod.metadata().name()
              + "_"
              + pod.metadata().namespace()
              + "("
              + pod.metadata().uid()
              + ")";
      events.warning(
          pod,
          "BackOff",
          "Back-off restarting failed container "
              + c.name()
              + " in pod "
              + pod.metadata().name()
              + "_"
              + pod.metadata().namespace()
              + "("
              + pod.metadata().uid()
              + ")");
      armBackoffTimer(rec, cr, key, finished, wait);
      return;
    }
    backoff.next(key, finished);
    if (cr.previous != null) {
      try {
        runtime.removeContainer(cr.previous.id());
      } catch (RuntimeException e) {
        // already gone
      }
    }
    cr.previous = cr.current;
    cr.current = null;
    cr.containerId = null;
    cr.restartCount++;
    cr.stopProbes();
    start(rec, c, cr);
  }

  /**
   * Arms the timer that resyncs the pod when its backoff ends. A clock timer counts from when it is
   * armed, and the clock may move between computing {@code wait} and arming (a fake clock advanced
   * by a test, a slow sync), so the wait is re-read after arming and the timer re-armed until they
   * agree; a backoff that ended meanwhile resyncs at once.
   */
  private void armBackoffTimer(
      PodRecord rec, ContainerRecord cr, String key, Instant finished, Duration wait) {
    Duration w = wait;
    for (int i = 0; i < 5; i++) {
      if (cr.backoffTimer != null) {
        cr.backoffTimer.cancel();
      }
      cr.backoffTimer = clock.schedule(w, () -> queue.add(rec.key));
      Duration now = backoff.remaining(key, finished, clock.instant());
      if (!now.isPositive()) {
        queue.add(rec.key);
        return;
      }
      if (now.equals(w)) {
        return;
      }
      w = now;
    }
  }

  /** Formats like Go's time.Duration.String, to the millisecond: 0s, 250ms, 1.5s, 1m20s, 5m0s. */
  static String goDuration(Duration d) {
    long s = d.toSeconds();
    if (s == 0 && d.toMillis() > 0) {
      return d.toMillis() + "ms";
    }
    if (s < 60) {
      int ms = d.toMillisPart();
      if (ms == 0) {
        return s + "s";
      }
      String frac = String.format("%03d", ms).replaceAll("0+$", "");
      return s + "." + frac + "s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + "m" + (s % 60) + "s";
    }
    return (m / 60) + "h" + (m % 60) + "m" + (s % 60) + "s";
  }

  // ---- probes ----

  private void ensureProbes(PodRecord rec, Container c, ContainerRecord cr) {
    if (!cr.probes.isEmpty() || cr.current == null || cr.current.startedAt() == null) {
      return;
    }
    Map<ProbeType, Probe> wanted = new LinkedHashMap<>();
    if (c.startupProbe() != null) {
      wanted.put(ProbeType.STARTUP, c.startupProbe());
    }
    if (c.livenessProbe() != null) {
      wanted.put(ProbeType.LIVENESS, c.livenessProbe());
    }
    if (c.readinessProbe() != null) {
      wanted.put(ProbeType.READINESS, c.readinessProbe());
    }
    for (var e : wanted.entrySet()) {
      ProbeWorker w = new ProbeWorker(this, rec, cr, cr.containerId, e.getKey(), e.getValue());
      cr.probes.put(e.getKey(), w);
      w.start(clock, cr.current.startedAt());
    }
  }

  /** Runs one probe of {@code w} and applies its result. Called from a clock timer. */
  void runProbe(ProbeWorker w) {
    ProbeRequest req;
    synchronized (w.pod) {
      Container c = w.pod.pod.spec().container(w.container.name);
      if (c == null) {
        return;
      }
      req = new ProbeRequest(w.type, w.pod.pod, c, w.containerId, w.probe, w.pod.podIps);
    }
    prober
        .probe(req)
        .whenComplete(
            (r, e) -> {
              ProbeResult result = e != null ? ProbeResult.FAILURE : r;
              boolean changed = false;
              synchronized (w.pod) {
                ProbeResult verdict = w.record(result);
                if (verdict == null || !w.containerId.equals(w.container.containerId)) {
                  return;
                }
                ContainerRecord cr = w.container;
                switch (w.type) {
                  case READINESS -> {
                    boolean ready = verdict == ProbeResult.SUCCESS;
                    changed = cr.ready != ready;
                    cr.ready = ready;
                  }
                  case STARTUP -> {
                    if (verdict == ProbeResult.SUCCESS) {
                      changed = !cr.started;
                      cr.started = true;
                    } else {
                      cr.killMessage =
                          "Container " + cr.name + " failed startup probe, will be restarted";
                      changed = true;
                    }
                  }
                  case LIVENESS -> {
                    if (verdict == ProbeResult.FAILURE) {
                      cr.killMessage =
                          "Container " + cr.name + " failed liveness probe, will be restarted";
                      changed = true;
                    }
                  }
                }
              }
              if (changed) {
                queue.add(w.pod.key);
              }
            });
  }

  private void killForProbe(PodRecord rec, Container c, ContainerRecord cr) {
    cr.stopping = true;
    cr.ready = false;
    String id = cr.containerId;
    Pod pod = rec.pod;
    Probe failed = cr.killMessage.contains("startup") ? c.startupProbe() : c.livenessProbe();
    Long probeGrace = failed == null ? null : failed.terminationGracePeriodSeconds();
    Duration grace = Duration.ofSeconds(probeGrace != null ? probeGrace : podGrace(pod, false));
    LOG.debug("{}", cr.killMessage);
    events.normal(pod, "Killing", cr.killMessage);
    Thread.ofVirtual()
        .name("kill container " + c.name())
        .start(
            () -> {
              try {
                killContainer(c, id, grace);
              } catch (RuntimeException e) {
                LOG.info("killing container {} failed: {}", c.name(), e.toString());
              } finally {
                synchronized (rec) {
                  cr.stopping = false;
                }
                queue.add(rec.key);
              }
            });
  }

  // ---- termination ----

  private static long podGrace(Pod pod, boolean deletion) {
    if (deletion && pod.metadata().deletionGracePeriodSeconds() != null) {
      return pod.metadata().deletionGracePeriodSeconds();
    }
    Long g = pod.spec().terminationGracePeriodSeconds();
    return g == null ? 30 : g;
  }

  /**
   * Runs preStop (its time counts against the grace period, leaving at least 2 s), then stops the
   * container with what is left. Blocks until the container has stopped.
   */
  private void killContainer(Container c, String id, Duration grace) {
    Instant start = clock.instant();
    LifecycleHandler pre = c == null || c.lifecycle() == null ? null : c.lifecycle().preStop();
    if (pre != null) {
      try {
        if (pre.exec() != null) {
          runtime.execSync(id, pre.exec().command(), grace);
        } else if (pre.sleep() != null && pre.sleep().seconds() != null) {
          Duration d = Duration.ofSeconds(pre.sleep().seconds());
          sleep(d.compareTo(grace) < 0 ? d : grace);
        }
        // httpGet and tcpSocket hooks need the pod network: they come with the network prober.
      } catch (RuntimeException e) {
        LOG.info("preStop hook of {} failed: {}", c.name(), e.toString());
      }
    }
    Duration left = grace.minus(Duration.between(start, clock.instant()));
    if (left.compareTo(MIN_GRACE_AFTER_PRESTOP) < 0) {
      left = MIN_GRACE_AFTER_PRESTOP;
    }
    runtime.stopContainer(id, left);
  }

  private void sleep(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    clock.schedule(d, () -> f.complete(null));
    f.join();
  }

  private void terminate(PodRecord rec) {
    Pod pod;
    List<Thread> kills = new ArrayList<>();
    synchronized (rec) {
      rec.pod = rec.newest();
      pod = rec.pod;
      refresh(rec);
      Duration grace = Duration.ofSeconds(podGrace(pod, true));
      for (ContainerRecord cr : rec.containers.values()) {
        if (cr.current != null
            && cr.current.state() != ContainerState.EXITED
            && cr.containerId != null) {
          Container c = pod.spec().container(cr.name);
          String id = cr.containerId;
          events.normal(pod, "Killing", "Stopping container " + cr.name);
          kills.add(
              Thread.ofVirtual()
                  .name("stop " + cr.name)
                  .start(
                      () -> {
                        try {
                          killContainer(c, id, grace);
                        } catch (RuntimeException e) {
                          LOG.info("stopping {} failed: {}", id, e.toString());
                        }
                      }));
        }
      }
    }
    for (Thread t : kills) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    PodStatus status;
    synchronized (rec) {
      rec.killedForDeletion = true;
      for (ContainerRecord cr : rec.containers.values()) {
        cr.waitingReason = null;
      }
      try {
        stopSandbox(rec);
      } catch (RuntimeException e) {
        LOG.info("stopping sandbox of {} failed: {}", pod.metadata().name(), e.toString());
      }
      rec.pod = rec.newest();
      pod = rec.pod;
      status = statuses.generate(rec, pod, clock.instant());
    }
    boolean removed = rec.removed;
    Resources<Pod> pods = client.resources(Pod.class).inNamespace(pod.metadata().namespace());
    if (!removed) {
      writeStatus(rec, pod, status);
      try {
        pods.delete(
            pod.metadata().name(),
            new DeleteOptions(
                null, null, 0L, new Preconditions(pod.metadata().uid(), null), null, null, null));
      } catch (NotFoundException | ConflictException e) {
        // gone already, or a new pod took the name
      }
    }
    synchronized (rec) {
      for (ContainerRecord cr : rec.containers.values()) {
        for (ContainerInfo i : Arrays.asList(cr.current, cr.previous)) {
          if (i != null) {
            try {
              runtime.removeContainer(i.id());
            } catch (RuntimeException e) {
              // gone already
            }
          }
        }
      }
      if (rec.sandboxId != null) {
        runtime.removePodSandbox(rec.sandboxId);
        sandboxToUid.remove(rec.sandboxId);
      }
    }
    records.remove(rec.key);
    backoff.forgetPrefix(rec.key + "/");
    volumes.cleanUp(rec.key);
  }

  // ---- status ----

  private void writeStatus(PodRecord rec, Pod pod, PodStatus status) {
    if (pod.status() != null
        && Arrays.equals(KubeJson.encode(pod.status()), KubeJson.encode(status))) {
      return;
    }
    Resources<Pod> pods = client.resources(Pod.class).inNamespace(pod.metadata().namespace());
    try {
      rec.offer(pods.updateStatus(pod.withStatus(status)));
    } catch (ConflictException e) {
      try {
        Pod fresh = pods.get(pod.metadata().name());
        if (fresh.metadata().uid().equals(rec.key)) {
          rec.offer(fresh);
          queue.add(rec.key);
        }
      } catch (NotFoundException gone) {
        // deleted meanwhile: the source reports it
      }
    } catch (NotFoundException e) {
      // deleted meanwhile
    }
  }

  @Override
  public void close() {
    events.close();
    queue.shutDown();
    for (Thread t : workers) {
      t.interrupt();
    }
    for (PodRecord rec : records.values()) {
      synchronized (rec) {
        rec.stopAllProbes();
      }
    }
  }
}
