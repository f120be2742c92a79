package dev.keelson.node.simulated;

import dev.keelson.controller.time.Clock;
import dev.keelson.node.logs.CriLogWriter;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.ContainerEvents;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.ExecResult;
import dev.keelson.node.spi.ImageInfo;
import dev.keelson.node.spi.InProcessExec;
import dev.keelson.node.spi.NotFoundException;
import dev.keelson.node.spi.PodSandboxConfig;
import dev.keelson.node.spi.PodSandboxStatus;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.ProbeType;
import dev.keelson.node.spi.Prober;
import dev.keelson.node.spi.RuntimeStatus;
import dev.keelson.node.spi.RuntimeVersion;
import dev.keelson.node.spi.SandboxState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A container runtime whose containers are state machines on a {@link Clock}. Rules, read when a
 * container is created (annotations are the pod's; {@code <c>} is the container's name):
 *
 * <ul>
 *   <li>image {@code sim/exit:N}, or annotation {@code sim.keelson.dev/exit-code.<c>: "N"}: the
 *       container exits with code N once it has run for {@code sim.keelson.dev/run-for.<c>} seconds
 *       (default 0); a {@code run-for} alone exits 0; otherwise it runs until stopped;
 *   <li>{@code sim.keelson.dev/start-latency: "S"}: seconds between StartContainer and running
 *       (default: the runtime's start latency);
 *   <li>{@code sim.keelson.dev/stop-delay.<c>: "S"}: seconds it takes to exit after SIGTERM
 *       (default 0); it then exits 143, or 137 when killed at the end of the grace period;
 *   <li>{@code sim.keelson.dev/liveness.<c>}, {@code readiness.<c>}, {@code startup.<c>}: {@code
 *       success} (default) or {@code failure}: the outcome of that probe; tests change outcomes
 *       while a pod runs with {@link #setProbeResult} and end containers with {@link #exit};
 *   <li>{@code sim.keelson.dev/log.<c>}: a line the container writes when it starts;
 *   <li>{@code sim.keelson.dev/log-every.<c>: "S"}: the container writes {@code tick N} every S
 *       seconds while it runs.
 * </ul>
 *
 * <p>When a container starts it writes, in order: its image's {@link SimulatedImage#output}, the
 * {@code log.<c>} line, and the output of its command and arguments run by the simulated shell
 * ({@code echo}, {@code env}, {@code hostname}, {@code cat FILE}, {@code sh -c} of those; other
 * commands, like {@code sleep}, run silently). Built with {@link Builder#logFiles}, the runtime
 * writes that output as containerd does: CRI log entries at the sandbox's log directory joined with
 * the container's log path ({@code /var/log/pods/<ns>_<pod>_<uid>/<c>/<restart>.log}).
 *
 * <p>Every image can be pulled except those named {@code sim/unpullable...}: pulling one fails as a
 * registry that does not have it would ({@code not found}). ExecSync runs nothing and exits 0; exec
 * sessions ({@link InProcessExec}) run the simulated shell, with the image's files and the
 * container's environment, and attach streams the container's output from then on. Container ids
 * are 64 hex digits.
 */
public final class SimulatedRuntime
    implements ContainerRuntime, ContainerEvents, Prober, InProcessExec {
  /** The prefix of every annotation the simulated runtime reads. */
  public static final String ANNOTATION_PREFIX = "sim.keelson.dev/";

  /** Images whose name starts with this cannot be pulled. */
  public static final String UNPULLABLE = "sim/unpullable";

  private static final AtomicLong IDS = new AtomicLong();

  private final Clock clock;
  private final Duration startLatency;
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final Map<String, Box> containers = new ConcurrentHashMap<>();
  private final Map<String, ProbeResult> probeOverrides = new ConcurrentHashMap<>();
  private final List<Consumer<ContainerInfo>> handlers = new CopyOnWriteArrayList<>();
  private final Set<String> pulled = ConcurrentHashMap.newKeySet();
  private final boolean logFiles;
  private final Map<String, SimulatedImage> images;

  /**
   * A runtime on {@code clock} whose containers start {@code startLatency} after StartContainer (no
   * log files, no image behaviour).
   */
  public SimulatedRuntime(Clock clock, Duration startLatency) {
    this(clock, startLatency, false, Map.of());
  }

  private SimulatedRuntime(
      Clock clock, Duration startLatency, boolean logFiles, Map<String, SimulatedImage> images) {
    this.clock = clock;
    this.startLatency = startLatency;
    this.logFiles = logFiles;
    this.images = Map.copyOf(images);
  }

  /** A builder of a runtime on {@code clock}. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /** Builds a {@link SimulatedRuntime}. */
  public static final class Builder {
    private final Clock clock;
    private Duration startLatency = Duration.ZERO;
    private boolean logFiles;
    private final Map<String, SimulatedImage> images = new java.util.HashMap<>();

    private Builder(Clock clock) {
      this.clock = clock;
    }

    /** Time between StartContainer and running (default 0). */
    public Builder startLatency(Duration d) {
      this.startLatency = d;
      return this;
    }

    /** Write containers' output to CRI log files under the sandboxes' log directories. */
    public Builder logFiles(boolean on) {
      this.logFiles = on;
      return this;
    }

    /** How containers of {@code image} (the reference as in the pod) behave. */
    public Builder image(String image, SimulatedImage behaviour) {
      images.put(image, behaviour);
      return this;
    }

    /** The runtime. */
    public SimulatedRuntime build() {
      return new SimulatedRuntime(clock, startLatency, logFiles, images);
    }
  }

  @Override
  public RuntimeVersion version() {
    return new RuntimeVersion("simulated", "0.1.0", "v1");
  }

  @Override
  public RuntimeStatus status() {
    return RuntimeStatus.ready();
  }

  @Override
  public String runPodSandbox(PodSandboxConfig config) {
    String id = newId();
    sandboxes.put(id, new Sandbox(id, config, clock.instant()));
    return id;
  }

  @Override
  public void stopPodSandbox(String sandboxId) {
    Sandbox s = sandbox(sandboxId);
    for (Box b : containers.values()) {
      if (b.sandboxId.equals(sandboxId)) {
        b.stop(Duration.ZERO);
      }
    }
    s.ready = false;
  }

  @Override
  public void removePodSandbox(String sandboxId) {
    containers
        .values()
        .removeIf(
            b -> {
              if (b.sandboxId.equals(sandboxId)) {
                b.closeLog();
                return true;
              }
              return false;
            });
    sandboxes.remove(sandboxId);
  }

  @Override
  public PodSandboxStatus podSandboxStatus(String sandboxId) {
    return sandbox(sandboxId).status();
  }

  @Override
  public List<PodSandboxStatus> listPodSandboxes() {
    return sandboxes.values().stream().map(Sandbox::status).toList();
  }

  @Override
  public String createContainer(String sandboxId, ContainerConfig config) {
    Sandbox s = sandbox(sandboxId);
    String id = newId();
    containers.put(id, new Box(id, s, config));
    return id;
  }

  @Override
  public void startContainer(String containerId) {
    box(containerId).start();
  }

  @Override
  public void stopContainer(String containerId, Duration timeout) {
    CompletableFuture<Void> done = box(containerId).stop(timeout);
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + containerId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void removeContainer(String containerId) {
    Box b = containers.remove(containerId);
    if (b != null) {
      b.closeLog();
    }
  }

  @Override
  public ContainerInfo containerStatus(String containerId) {
    return box(containerId).info();
  }

  @Override
  public List<ContainerInfo> listContainers(String sandboxId) {
    List<ContainerInfo> out = new ArrayList<>();
    for (Box b : containers.values()) {
      if (sandboxId == null || b.sandboxId.equals(sandboxId)) {
        out.add(b.info());
      }
    }
    return out;
  }

  @Override
  public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
    Box b = box(containerId);
    b.log("exec " + String.join(" ", command));
    return new ExecResult(new byte[0], new byte[0], 0);
  }

  /** Present once pulled, as on a real node that starts with no images. */
  @Override
  public int exec(
      String containerId,
      ExecRequest request,
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr)
      throws IOException {
    Box b = box(containerId);
    if (b.info().state() != ContainerState.RUNNING) {
      throw new IllegalStateException("container " + containerId + " is not running");
    }
    b.log("exec " + String.join(" ", request.command()));
    return b.shell(false).run(request.command(), stdin, stdout, stderr);
  }

  @Override
  public int attach(String containerId, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException, InterruptedException {
    Box b = box(containerId);
    java.util.concurrent.BlockingQueue<String[]> q =
        new java.util.concurrent.ArrayBlockingQueue<>(1024);
    b.attached.add(q);
    if (stdin != null && b.interactive() && b.info().state() == ContainerState.RUNNING) {
      Thread.ofVirtual().name("sim shell " + b.config.name()).start(() -> b.session(stdin));
    }
    try {
      while (true) {
        String[] out = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (out != null) {
          OutputStream o = out[0].equals("stderr") ? stderr : stdout;
          o.write((out[1] + "\n").getBytes(StandardCharsets.UTF_8));
          o.flush();
        } else if (b.exited.isDone()) {
          return b.info().exitCode();
        }
      }
    } finally {
      b.attached.remove(q);
    }
  }

  @Override
  public Optional<ImageInfo> imageStatus(String image) {
    return pulled.contains(image)
        ? Optional.of(new ImageInfo(imageId(image), List.of(image), 1L << 20))
        : Optional.empty();
  }

  @Override
  public String pullImage(String image) {
    if (image.startsWith(UNPULLABLE)) {
      throw new dev.keelson.node.spi.NotFoundException(
          "failed to pull and unpack image \"" + image + "\": not found");
    }
    pulled.add(image);
    return imageId(image);
  }

  @Override
  public List<String> containerLogs(String containerId, int tailLines) {
    List<String> lines = box(containerId).logSnapshot();
    return tailLines < 0 || tailLines >= lines.size()
        ? lines
        : lines.subList(lines.size() - tailLines, lines.size());
  }

  @Override
  public void onContainerEvent(Consumer<ContainerInfo> handler) {
    handlers.add(handler);
  }

  @Override
  public CompletionStage<ProbeResult> probe(ProbeRequest request) {
    String ns = request.pod().metadata().namespace();
    String pod = request.pod().metadata().name();
    String c = request.container().name();
    ProbeResult r = probeOverrides.get(probeKey(ns, pod, c, request.type()));
    if (r == null) {
      String a =
          request
              .pod()
              .metadata()
              .annotations()
              .get(ANNOTATION_PREFIX + request.type().name().toLowerCase(Locale.ROOT) + "." + c);
      r = "failure".equals(a) ? ProbeResult.FAILURE : ProbeResult.SUCCESS;
    }
    return CompletableFuture.completedFuture(r);
  }

  /** Sets the outcome of a probe of a container of a pod, from now on (until set again). */
  public void setProbeResult(
      String namespace, String pod, String container, ProbeType type, ProbeResult result) {
    probeOverrides.put(probeKey(namespace, pod, container, type), result);
  }

  /**
   * Makes the running container {@code container} of a pod exit now with {@code exitCode}.
   *
   * @return whether such a running container was found
   */
  public boolean exit(String namespace, String pod, String container, int exitCode) {
    for (Box b : containers.values()) {
      if (b.sandbox.config.namespace().equals(namespace)
          && b.sandbox.config.name().equals(pod)
          && b.config.name().equals(container)
          && b.exitNow(exitCode, exitCode == 0 ? "Completed" : "Error")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The config of the latest container named {@code container} of pod {@code namespace/pod}, as the
   * agent passed it to CreateContainer (env, mounts...), for tests to assert on.
   */
  public Optional<ContainerConfig> containerConfig(String namespace, String pod, String container) {
    Box latest = null;
    for (Box b : containers.values()) {
      PodSandboxConfig sc = b.sandbox.config;
      if (sc.namespace().equals(namespace)
          && sc.name().equals(pod)
          && b.config.name().equals(container)
          && (latest == null || b.config.attempt() >= latest.config.attempt())) {
        latest = b;
      }
    }
    return latest == null ? Optional.empty() : Optional.of(latest.config);
  }

  /** The config of the sandbox of pod {@code namespace/pod} (DNS config...), if it has one. */
  public Optional<PodSandboxConfig> sandboxConfig(String namespace, String pod) {
    for (Sandbox s : sandboxes.values()) {
      if (s.config.namespace().equals(namespace) && s.config.name().equals(pod)) {
        return Optional.of(s.config);
      }
    }
    return Optional.empty();
  }

  /** How many sandboxes and containers this runtime holds (for tests and benchmarks). */
  public int sandboxCount() {
    return sandboxes.size();
  }

  /** The number of containers, in any state. */
  public int containerCount() {
    return containers.size();
  }

  @Override
  public void close() {
    for (Box b : containers.values()) {
      b.cancelTimer();
      b.closeLog();
    }
  }

  private static String probeKey(String ns, String pod, String c, ProbeType t) {
    return ns + "/" + pod + "/" + c + "/" + t;
  }

  /**
   * A new sandbox or container ID: 64 hex digits, as containerd's. One read of the counter, so two
   * threads creating at once never share an ID (a second read let them, and the second container
   * then replaced the first in the table).
   */
  private static String newId() {
    return String.format("%064x", IDS.incrementAndGet());
  }

  private static String imageId(String image) {
    byte[] b = image.getBytes(StandardCharsets.UTF_8);
    long h = 1125899906842597L;
    for (byte x : b) {
      h = 31 * h + x;
    }
    return "sha256:"
        + HexFormat.of().formatHex(new byte[32]).substring(16)
        + String.format("%016x", h);
  }

  private Sandbox sandbox(String id) {
    Sandbox s = sandboxes.get(id);
    if (s == null) {
      throw new NotFoundException("no sandbox " + id);
    }
    return s;
  }

  private Box box(String id) {
    Box b = containers.get(id);
    if (b == null) {
      throw new NotFoundException("no container " + id);
    }
    return b;
  }

  private static Duration seconds(Map<String, String> annotations, String key, Duration dflt) {
    String v = annotations.get(ANNOTATION_PREFIX + key);
    if (v == null) {
      return dflt;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(v.trim()) * 1000));
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private void emit(ContainerInfo info) {
    for (Consumer<ContainerInfo> h : handlers) {
      h.accept(info);
    }
  }

  private static final class Sandbox {
    final String id;
    final PodSandboxConfig config;
    final Instant createdAt;
    volatile boolean ready = true;

    Sandbox(String id, PodSandboxConfig config, Instant createdAt) {
      this.id = id;
      this.config = config;
      this.createdAt = createdAt;
    }

    PodSandboxStatus status() {
      return new PodSandboxStatus(
          id,
          config.namespace(),
          config.name(),
          config.uid(),
          ready ? SandboxState.READY : SandboxState.NOT_READY,
          createdAt,
          "",
          config.labels());
    }
  }

  /** One container: a small state machine guarded by its own monitor. */
  private final class Box {
    final String id;
    final String sandboxId;
    final Sandbox sandbox;
    final ContainerConfig config;
    final Instant createdAt;
    final Integer exitCode; // null: runs until stopped
    final Duration runFor;
    final Duration latency;
    final Duration stopDelay;
    final CompletableFuture<Void> exited = new CompletableFuture<>();
    private List<String> logs = List.of();
    final List<java.util.concurrent.BlockingQueue<String[]>> attached =
        new CopyOnWriteArrayList<>();
    private CriLogWriter logFile;
    private boolean logFileFailed;
    private Clock.Timer ticker;
    private long ticks;
    private ContainerState state = ContainerState.CREATED;
    private Instant startedAt;
    private Instant finishedAt;
    private int code;
    private String reason = "";
    private Clock.Timer timer;

    Box(String id, Sandbox sandbox, ContainerConfig config) {
      this.id = id;
      this.sandbox = sandbox;
      this.sandboxId = sandbox.id;
      this.config = config;
      this.createdAt = clock.instant();
      Map<String, String> a = sandbox.config.annotations();
      String c = config.name();
      Integer exit = null;
      if (config.image().startsWith("sim/exit:")) {
        exit = parseInt(config.image().substring("sim/exit:".length()));
      }
      String ann = a.get(ANNOTATION_PREFIX + "exit-code." + c);
      if (ann != null) {
        exit = parseInt(ann);
      }
      Duration run = seconds(a, "run-for." + c, null);
      if (exit == null && run != null) {
        exit = 0;
      }
      this.exitCode = exit;
      this.runFor = run == null ? Duration.ZERO : run;
      this.latency = seconds(a, "start-latency", startLatency);
      this.stopDelay = seconds(a, "stop-delay." + c, Duration.ZERO);
    }

    private static Integer parseInt(String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return 1;
      }
    }

    void start() {
      ContainerInfo event;
      synchronized (this) {
        if (state != ContainerState.CREATED || timer != null) {
          throw new IllegalStateException("container " + id + " is " + state + ", not created");
        }
        if (latency.isPositive()) {
          timer = clock.schedule(latency, this::running);
          return;
        }
        event = runningLocked();
      }
      emit(event);
    }

    private void running() {
      ContainerInfo event;
      synchronized (this) {
        timer = null;
        if (state != ContainerState.CREATED) {
          return;
        }
        event = runningLocked();
      }
      emit(event);
    }

    private ContainerInfo runningLocked() {
      state = ContainerState.RUNNING;
      startedAt = clock.instant();
      SimulatedImage image = images.get(config.image());
      if (image != null) {
        for (String l : image.output()) {
          output("stdout", l);
        }
      }
      String line = sandbox.config.annotations().get(ANNOTATION_PREFIX + "log." + config.name());
      if (line != null) {
        logLocked(line);
        output("stdout", line);
      }
      List<String> argv = argv();
      if (!argv.isEmpty() && !interactive()) {
        try {
          LineSink out = new LineSink("stdout");
          LineSink err = new LineSink("stderr");
          shell(true).run(argv, java.io.InputStream.nullInputStream(), out, err);
          out.close();
          err.close();
        } catch (IOException e) {
          // the sinks do not throw
        }
      }
      Duration every =
          seconds(sandbox.config.annotations(), "log-every." + config.name(), Duration.ZERO);
      if (every.isPositive()) {
        ticker = clock.schedule(every, () -> tick(every));
      }
      if (exitCode != null) {
        if (runFor.isPositive()) {
          timer =
              clock.schedule(
                  runFor, () -> exitNow(exitCode, exitCode == 0 ? "Completed" : "Error"));
        } else {
          // Exits at once: the exit is observed after the start, as with a real process.
          timer =
              clock.schedule(
                  Duration.ZERO, () -> exitNow(exitCode, exitCode == 0 ? "Completed" : "Error"));
        }
      }
      return infoLocked();
    }

    CompletableFuture<Void> stop(Duration timeout) {
      synchronized (this) {
        if (state == ContainerState.EXITED) {
          return exited;
        }
        if (state == ContainerState.CREATED) {
          cancelTimer();
          state = ContainerState.EXITED;
          finishedAt = clock.instant();
          code = 0;
          reason = "";
          exited.complete(null);
          return exited;
        }
        cancelTimer();
        if (stopDelay.compareTo(timeout) <= 0) {
          if (stopDelay.isZero()) {
            finishLocked(143, "Error");
          } else {
            timer = clock.schedule(stopDelay, () -> exitNow(143, "Error"));
            return exited;
          }
        } else if (timeout.isZero()) {
          finishLocked(137, "Error");
        } else {
          timer = clock.schedule(timeout, () -> exitNow(137, "Error"));
          return exited;
        }
      }
      emit(info());
      return exited;
    }

    boolean exitNow(int exit, String why) {
      synchronized (this) {
        if (state != ContainerState.RUNNING) {
          return false;
        }
        cancelTimer();
        finishLocked(exit, why);
      }
      emit(info());
      return true;
    }

    private void finishLocked(int exit, String why) {
      if (ticker != null) {
        ticker.cancel();
        ticker = null;
      }
      state = ContainerState.EXITED;
      finishedAt = clock.instant();
      code = exit;
      reason = why;
      logLocked("exited with code " + exit);
      exited.complete(null);
    }

    synchronized void cancelTimer() {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }

    synchronized void log(String line) {
      logLocked(line);
    }

    private void tick(Duration every) {
      synchronized (this) {
        if (state != ContainerState.RUNNING) {
          return;
        }
        output("stdout", "tick " + (++ticks));
        ticker = clock.schedule(every, () -> tick(every));
      }
    }

    List<String> argv() {
      List<String> argv = new ArrayList<>(config.command());
      argv.addAll(config.args());
      return argv;
    }

    /**
     * A shell with its stdin kept open ({@code kubectl debug -i ... -- sh}, {@code kubectl run
     * -i}): it runs what attached clients type, and exits on {@code exit}, or when the input ends
     * if the input is one client's ({@code stdinOnce}).
     */
    boolean interactive() {
      return config.stdin() && SimulatedShell.readsStdin(argv());
    }

    /** Runs an attached client's input through the container's shell; ends the container as sh. */
    void session(InputStream stdin) {
      LineSink out = new LineSink("stdout");
      LineSink err = new LineSink("stderr");
      SimulatedShell.Ended ended;
      try {
        ended = shell(false).session(stdin, out, err);
        out.close();
        err.close();
      } catch (IOException e) {
        ended = new SimulatedShell.Ended(0, false); // the client went away: as end of input
      }
      if (ended.byExit() || config.stdinOnce()) {
        exitNow(ended.code(), ended.code() == 0 ? "Completed" : "Error");
      }
    }

    SimulatedShell shell(boolean lenient) {
      SimulatedImage image = images.get(config.image());
      return new SimulatedShell(
          sandbox.config.hostname(),
          config.env(),
          image == null ? Map.of() : image.files(),
          lenient);
    }

    /** One line of the container's output: to attached clients and its log file. */
    synchronized void output(String stream, String line) {
      for (var q : attached) {
        q.offer(new String[] {stream, line});
      }
      if (!logFiles || logFileFailed) {
        return;
      }
      try {
        if (logFile == null) {
          logFile =
              CriLogWriter.open(
                  Path.of(sandbox.config.logDirectory()).resolve(config.logPath()),
                  CriLogWriter.DEFAULT_MAX_ENTRY_BYTES);
        }
        logFile.write(clock.instant(), stream, line);
      } catch (IOException | RuntimeException e) {
        logFileFailed = true;
        logLocked("cannot write the log file: " + e);
      }
    }

    synchronized void closeLog() {
      if (ticker != null) {
        ticker.cancel();
        ticker = null;
      }
      if (logFile != null) {
        try {
          logFile.close();
        } catch (IOException e) {
          // nothing more to write
        }
        logFile = null;
      }
    }

    /** Collects the bytes of one stream into lines of output. */
    private final class LineSink extends OutputStream {
      private final String stream;
      private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

      LineSink(String stream) {
        this.stream = stream;
      }

      @Override
      public void write(int b) {
        if (b == '\n') {
          output(stream, line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b);
        }
      }

      @Override
      public void close() {
        if (line.size() > 0) {
          output(stream, line.toString(StandardCharsets.UTF_8));
          line.reset();
        }
      }
    }

    private void logLocked(String line) {
      List<String> next = new ArrayList<>(logs.size() + 1);
      next.addAll(logs.size() >= 1000 ? logs.subList(logs.size() - 999, logs.size()) : logs);
      next.add(line);
      logs = List.copyOf(next);
    }

    synchronized List<String> logSnapshot() {
      return logs;
    }

    synchronized ContainerInfo info() {
      return infoLocked();
    }

    private ContainerInfo infoLocked() {
      return new ContainerInfo(
          id,
          sandboxId,
          config.name(),
          config.attempt(),
          state,
          createdAt,
          startedAt,
          finishedAt,
          code,
          config.image(),
          imageId(config.image()),
          reason,
          "");
    }
  }
}
