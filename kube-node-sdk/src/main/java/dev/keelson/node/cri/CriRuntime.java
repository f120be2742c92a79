package dev.keelson.node.cri;

import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkException;
import dev.keelson.net.spi.PodNetworkRequest;
import dev.keelson.net.spi.PodNetworkStatus;
import dev.keelson.node.cri.internal.CriLogFile;
import dev.keelson.node.cri.internal.CriMethods;
import dev.keelson.node.cri.v1.Container;
import dev.keelson.node.cri.v1.ContainerFilter;
import dev.keelson.node.cri.v1.ContainerMetadata;
import dev.keelson.node.cri.v1.ContainerStatusRequest;
import dev.keelson.node.cri.v1.CreateContainerRequest;
import dev.keelson.node.cri.v1.ExecSyncRequest;
import dev.keelson.node.cri.v1.ExecSyncResponse;
import dev.keelson.node.cri.v1.ImageSpec;
import dev.keelson.node.cri.v1.ImageStatusRequest;
import dev.keelson.node.cri.v1.ImageStatusResponse;
import dev.keelson.node.cri.v1.KeyValue;
import dev.keelson.node.cri.v1.LinuxPodSandboxConfig;
import dev.keelson.node.cri.v1.LinuxSandboxSecurityContext;
import dev.keelson.node.cri.v1.ListContainersRequest;
import dev.keelson.node.cri.v1.ListPodSandboxRequest;
import dev.keelson.node.cri.v1.NamespaceMode;
import dev.keelson.node.cri.v1.NamespaceOption;
import dev.keelson.node.cri.v1.PodIP;
import dev.keelson.node.cri.v1.PodSandbox;
import dev.keelson.node.cri.v1.PodSandboxMetadata;
import dev.keelson.node.cri.v1.PodSandboxStatusRequest;
import dev.keelson.node.cri.v1.PullImageRequest;
import dev.keelson.node.cri.v1.RemoveContainerRequest;
import dev.keelson.node.cri.v1.RemovePodSandboxRequest;
import dev.keelson.node.cri.v1.RunPodSandboxRequest;
import dev.keelson.node.cri.v1.StartContainerRequest;
import dev.keelson.node.cri.v1.StatusRequest;
import dev.keelson.node.cri.v1.StopContainerRequest;
import dev.keelson.node.cri.v1.StopPodSandboxRequest;
import dev.keelson.node.cri.v1.VersionRequest;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.ContainerEvents;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.ExecResult;
import dev.keelson.node.spi.ImageInfo;
import dev.keelson.node.spi.NotFoundException;
import dev.keelson.node.spi.PodSandboxConfig;
import dev.keelson.node.spi.PodSandboxStatus;
import dev.keelson.node.spi.RuntimeStatus;
import dev.keelson.node.spi.RuntimeVersion;
import dev.keelson.node.spi.SandboxState;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cri} container runtime: a CRI v1 gRPC client ({@code runtime.v1.RuntimeService} and
 * {@code ImageService}) over a unix socket, e.g. containerd's CRI plugin. Each SPI method is one
 * CRI call with a deadline; NotFound answers become {@link NotFoundException}, other failures
 * {@link CriException}. The runtime does the pod network itself (containerd runs CNI in
 * RunPodSandbox and StopPodSandbox), so this class is also the agent's {@link PodNetwork}: set-up
 * reads the sandbox's IPs, tear-down is left to StopPodSandbox. Container state changes are found
 * by relisting every {@link CriOptions#relistPeriod} (kubelet's generic PLEG), because containerd
 * 1.6 does not serve GetContainerEvents.
 */
public final class CriRuntime implements ContainerRuntime, PodNetwork, ContainerEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CriRuntime.class);

  private final CriOptions options;
  private final EventLoopGroup group;
  private final ManagedChannel channel;
  private final Map<String, dev.keelson.node.cri.v1.PodSandboxConfig> sandboxConfigs =
      new ConcurrentHashMap<>();
  private final Map<String, String> containerSandbox = new ConcurrentHashMap<>();
  private final List<Consumer<ContainerInfo>> handlers = new CopyOnWriteArrayList<>();
  private final Map<String, dev.keelson.node.cri.v1.ContainerState> lastSeen = new HashMap<>();
  private volatile Thread relister;
  private volatile boolean closed;

  private CriRuntime(CriOptions options) {
    this.options = options;
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException(
          "the cri runtime needs netty's native epoll transport (Linux x86_64): "
              + Epoll.unavailabilityCause());
    }
    this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    this.channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(options.socketPath()))
            .eventLoopGroup(group)
            .channelType(EpollDomainSocketChannel.class)
            .usePlaintext()
            .overrideAuthority("localhost")
            .maxInboundMessageSize(16 << 20)
            .build();
  }

  /**
   * Connects to the runtime at {@code options.endpoint()} and checks that it speaks CRI v1 (one
   * Version call).
   *
   * @throws IllegalStateException when there is no socket or the runtime does not answer
   */
  public static CriRuntime connect(CriOptions options) {
    Path socket = Path.of(options.socketPath());
    if (!Files.exists(socket)) {
      throw new IllegalStateException("no CRI socket at " + socket);
    }
    CriRuntime r = new CriRuntime(options);
    try {
      r.version();
    } catch (RuntimeException e) {
      r.close();
      throw new IllegalStateException(
          "the CRI runtime at " + options.endpoint() + " does not answer: " + e.getMessage(), e);
    }
    return r;
  }

  /** The options this runtime was made with. */
  public CriOptions options() {
    return options;
  }

  // ---- calls ----

  private <Q, R> R call(MethodDescriptor<Q, R> method, Q request, Duration deadline, String what) {
    try {
      return ClientCalls.blockingUnaryCall(
          channel,
          method,
          CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS),
          request);
    } catch (StatusRuntimeException e) {
      Status s = e.getStatus();
      if (s.getCode() == Status.Code.NOT_FOUND) {
        throw new NotFoundException(what + ": " + s.getDescription());
      }
      throw new CriException(method.getBareMethodName(), s);
    }
  }

  private <Q, R> R call(MethodDescriptor<Q, R> method, Q request, String what) {
    return call(method, request, options.callTimeout(), what);
  }

  private static long seconds(Duration d) {
    long s = d.toSeconds();
    return d.toNanosPart() > 0 || (s == 0 && !d.isZero()) ? s + 1 : s;
  }

  private static Instant instant(long nanos) {
    return nanos <= 0 ? null : Instant.ofEpochSecond(0, nanos);
  }

  // ---- version and status ----

  @Override
  public RuntimeVersion version() {
    var r =
        call(CriMethods.VERSION, VersionRequest.newBuilder().setVersion("v1").build(), "version");
    return new RuntimeVersion(r.getRuntimeName(), r.getRuntimeVersion(), r.getRuntimeApiVersion());
  }

  @Override
  public RuntimeStatus status() {
    var r = call(CriMethods.STATUS, StatusRequest.getDefaultInstance(), "status");
    boolean runtimeReady = false;
    boolean networkReady = false;
    String reason = "";
    String message = "";
    for (var c : r.getStatus().getConditionsList()) {
      if (c.getType().equals("RuntimeReady")) {
        runtimeReady = c.getStatus();
      } else if (c.getType().equals("NetworkReady")) {
        networkReady = c.getStatus();
      } else {
        continue;
      }
      if (!c.getStatus() && reason.isEmpty()) {
        reason = c.getReason();
        message = c.getMessage();
      }
    }
    return new RuntimeStatus(runtimeReady, networkReady, reason, message);
  }

  // ---- sandboxes ----

  @Override
  public String runPodSandbox(PodSandboxConfig config) {
    mkdirs(Path.of(config.logDirectory()));
    var cfg =
        dev.keelson.node.cri.v1.PodSandboxConfig.newBuilder()
            .setMetadata(
                PodSandboxMetadata.newBuilder()
                    .setName(config.name())
                    .setNamespace(config.namespace())
                    .setUid(config.uid())
                    .setAttempt(config.attempt()))
            .setHostname(config.hostname())
            .setLogDirectory(config.logDirectory())
            .putAllLabels(config.labels())
            .putAllAnnotations(config.annotations())
            .setLinux(
                LinuxPodSandboxConfig.newBuilder()
                    .setSecurityContext(
                        LinuxSandboxSecurityContext.newBuilder()
                            .setNamespaceOptions(
                                NamespaceOption.newBuilder()
                                    .setNetwork(
                                        config.hostNetwork()
                                            ? NamespaceMode.NODE
                                            : NamespaceMode.POD)
                                    .setPid(NamespaceMode.CONTAINER)
                                    .setIpc(NamespaceMode.POD))))
            .build();
    if (config.dnsConfig() != null) {
      cfg =
          cfg.toBuilder()
              .setDnsConfig(
                  dev.keelson.node.cri.v1.DNSConfig.newBuilder()
                      .addAllServers(config.dnsConfig().servers())
                      .addAllSearches(config.dnsConfig().searches())
                      .addAllOptions(config.dnsConfig().options()))
              .build();
    }
    var r =
        call(
            CriMethods.RUN_POD_SANDBOX,
            RunPodSandboxRequest.newBuilder().setConfig(cfg).build(),
            "run sandbox of pod " + config.namespace() + "/" + config.name());
    sandboxConfigs.put(r.getPodSandboxId(), cfg);
    return r.getPodSandboxId();
  }

  @Override
  public void stopPodSandbox(String sandboxId) {
    call(
        CriMethods.STOP_POD_SANDBOX,
        StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build(),
        "sandbox " + sandboxId);
  }

  @Override
  public void removePodSandbox(String sandboxId) {
    try {
      call(
          CriMethods.REMOVE_POD_SANDBOX,
          RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build(),
          "sandbox " + sandboxId);
    } catch (NotFoundException e) {
      // removed already
    }
    var cfg = sandboxConfigs.remove(sandboxId);
    containerSandbox.values().removeIf(sandboxId::equals);
    if (cfg != null && !cfg.getLogDirectory().isEmpty()) {
      deleteTree(Path.of(cfg.getLogDirectory())); // kubelet's container GC removes pod logs too
    }
  }

  @Override
  public PodSandboxStatus podSandboxStatus(String sandboxId) {
    var s =
        call(
                CriMethods.POD_SANDBOX_STATUS,
                PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build(),
                "sandbox " + sandboxId)
            .getStatus();
    return new PodSandboxStatus(
        s.getId(),
        s.getMetadata().getNamespace(),
        s.getMetadata().getName(),
        s.getMetadata().getUid(),
        state(s.getState()),
        instant(s.getCreatedAt()),
        "",
        s.getLabelsMap());
  }

  /** The sandbox's IPs, primary first, as the runtime's CNI set-up assigned them. */
  public List<String> podSandboxIps(String sandboxId) {
    var s =
        call(
                CriMethods.POD_SANDBOX_STATUS,
                PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build(),
                "sandbox " + sandboxId)
            .getStatus();
    List<String> ips = new ArrayList<>();
    if (!s.getNetwork().getIp().isEmpty()) {
      ips.add(s.getNetwork().getIp());
    }
    for (PodIP ip : s.getNetwork().getAdditionalIpsList()) {
      ips.add(ip.getIp());
    }
    return ips;
  }

  private static SandboxState state(dev.keelson.node.cri.v1.PodSandboxState s) {
    return s == dev.keelson.node.cri.v1.PodSandboxState.SANDBOX_READY
        ? SandboxState.READY
        : SandboxState.NOT_READY;
  }

  @Override
  public List<PodSandboxStatus> listPodSandboxes() {
    var r =
        call(CriMethods.LIST_POD_SANDBOX, ListPodSandboxRequest.getDefaultInstance(), "sandboxes");
    List<PodSandboxStatus> out = new ArrayList<>();
    for (PodSandbox s : r.getItemsList()) {
      out.add(
          new PodSandboxStatus(
              s.getId(),
              s.getMetadata().getNamespace(),
              s.getMetadata().getName(),
              s.getMetadata().getUid(),
              state(s.getState()),
              instant(s.getCreatedAt()),
              "",
              s.getLabelsMap()));
    }
    return out;
  }

  // ---- pod network (the runtime's CNI) ----

  @Override
  public PodNetworkStatus setUp(PodNetworkRequest request) {
    List<String> ips = podSandboxIps(request.sandboxId());
    if (ips.isEmpty()) {
      throw new PodNetworkException(
          "sandbox " + request.sandboxId() + " of pod " + request.name() + " has no IP yet");
    }
    return new PodNetworkStatus(ips);
  }

  @Override
  public void tearDown(PodNetworkRequest request) {
    // StopPodSandbox runs the runtime's CNI DEL.
  }

  // ---- containers ----

  @Override
  public String createContainer(String sandboxId, ContainerConfig config) {
    var sandbox = sandboxConfigs.get(sandboxId);
    if (sandbox == null) {
      sandbox = rebuildSandboxConfig(sandboxId);
    }
    if (!sandbox.getLogDirectory().isEmpty() && !config.logPath().isEmpty()) {
      Path log = Path.of(sandbox.getLogDirectory()).resolve(config.logPath());
      mkdirs(log.getParent());
    }
    var c =
        dev.keelson.node.cri.v1.ContainerConfig.newBuilder()
            .setMetadata(
                ContainerMetadata.newBuilder().setName(config.name()).setAttempt(config.attempt()))
            .setImage(
                ImageSpec.newBuilder()
                    .setImage(config.image())
                    .setUserSpecifiedImage(config.image()))
            .addAllCommand(config.command())
            .addAllArgs(config.args())
            .setWorkingDir(config.workingDir())
            .putAllLabels(config.labels())
            .putAllAnnotations(config.annotations())
            .setLogPath(config.logPath())
            .setStdin(config.stdin())
            .setStdinOnce(config.stdinOnce())
            .setTty(config.tty());
    config.env().forEach((k, v) -> c.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
    for (dev.keelson.node.spi.Mount m : config.mounts()) {
      c.addMounts(
          dev.keelson.node.cri.v1.Mount.newBuilder()
              .setContainerPath(m.containerPath())
              .setHostPath(m.hostPath()) // a subPath is already part of it
              .setReadonly(m.readonly())
              .setSelinuxRelabel(m.selinuxRelabel())
              .setPropagation(
                  dev.keelson.node.cri.v1.MountPropagation.valueOf(m.propagation().name())));
    }
    var r =
        call(
            CriMethods.CREATE_CONTAINER,
            CreateContainerRequest.newBuilder()
                .setPodSandboxId(sandboxId)
                .setConfig(c)
                .setSandboxConfig(sandbox)
                .build(),
            "sandbox " + sandboxId);
    containerSandbox.put(r.getContainerId(), sandboxId);
    return r.getContainerId();
  }

  private dev.keelson.node.cri.v1.PodSandboxConfig rebuildSandboxConfig(String sandboxId) {
    var s =
        call(
                CriMethods.POD_SANDBOX_STATUS,
                PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build(),
                "sandbox " + sandboxId)
            .getStatus();
    return dev.keelson.node.cri.v1.PodSandboxConfig.newBuilder()
        .setMetadata(s.getMetadata())
        .putAllLabels(s.getLabelsMap())
        .putAllAnnotations(s.getAnnotationsMap())
        .build();
  }

  @Override
  public void startContainer(String containerId) {
    call(
        CriMethods.START_CONTAINER,
        StartContainerRequest.newBuilder().setContainerId(containerId).build(),
        "container " + containerId);
  }

  @Override
  public void stopContainer(String containerId, Duration timeout) {
    call(
        CriMethods.STOP_CONTAINER,
        StopContainerRequest.newBuilder()
            .setContainerId(containerId)
            .setTimeout(seconds(timeout))
            .build(),
        timeout.plus(options.callTimeout()),
        "container " + containerId);
  }

  @Override
  public void removeContainer(String containerId) {
    try {
      call(
          CriMethods.REMOVE_CONTAINER,
          RemoveContainerRequest.newBuilder().setContainerId(containerId).build(),
          "container " + containerId);
    } catch (NotFoundException e) {
      // removed already
    }
    containerSandbox.remove(containerId);
  }

  private dev.keelson.node.cri.v1.ContainerStatus rawStatus(String containerId) {
    return call(
            CriMethods.CONTAINER_STATUS,
            ContainerStatusRequest.newBuilder().setContainerId(containerId).build(),
            "container " + containerId)
        .getStatus();
  }

  @Override
  public ContainerInfo containerStatus(String containerId) {
    var s = rawStatus(containerId);
    String sandbox = containerSandbox.get(containerId);
    if (sandbox == null) {
      var l =
          call(
              CriMethods.LIST_CONTAINERS,
              ListContainersRequest.newBuilder()
                  .setFilter(ContainerFilter.newBuilder().setId(containerId))
                  .build(),
              "container " + containerId);
      sandbox = l.getContainersCount() == 0 ? "" : l.getContainers(0).getPodSandboxId();
      if (!sandbox.isEmpty()) {
        containerSandbox.put(containerId, sandbox);
      }
    }
    return info(s, sandbox);
  }

  private static ContainerInfo info(dev.keelson.node.cri.v1.ContainerStatus s, String sandboxId) {
    return new ContainerInfo(
        s.getId(),
        sandboxId,
        s.getMetadata().getName(),
        s.getMetadata().getAttempt(),
        switch (s.getState()) {
          case CONTAINER_CREATED -> ContainerState.CREATED;
          case CONTAINER_RUNNING -> ContainerState.RUNNING;
          case CONTAINER_EXITED -> ContainerState.EXITED;
          default -> ContainerState.UNKNOWN;
        },
        instant(s.getCreatedAt()),
        instant(s.getStartedAt()),
        instant(s.getFinishedAt()),
        s.getExitCode(),
        s.getImage().getImage(),
        s.getImageRef(),
        s.getReason(),
        s.getMessage());
  }

  @Override
  public List<ContainerInfo> listContainers(String sandboxId) {
    ContainerFilter.Builder f = ContainerFilter.newBuilder();
    if (sandboxId != null) {
      f.setPodSandboxId(sandboxId);
    }
    var r =
        call(
            CriMethods.LIST_CONTAINERS,
            ListContainersRequest.newBuilder().setFilter(f).build(),
            "containers");
    List<ContainerInfo> out = new ArrayList<>();
    for (Container c : r.getContainersList()) {
      containerSandbox.put(c.getId(), c.getPodSandboxId());
      try {
        out.add(info(rawStatus(c.getId()), c.getPodSandboxId()));
      } catch (NotFoundException e) {
        // removed between the list and the status
      }
    }
    return out;
  }

  // ---- exec ----

  @Override
  public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
    ExecSyncResponse r =
        call(
            CriMethods.EXEC_SYNC,
            ExecSyncRequest.newBuilder()
                .setContainerId(containerId)
                .addAllCmd(command)
                .setTimeout(Math.max(1, seconds(timeout)))
                .build(),
            timeout.plus(options.callTimeout()),
            "container " + containerId);
    return new ExecResult(
        r.getStdout().toByteArray(), r.getStderr().toByteArray(), r.getExitCode());
  }

  @Override
  public URI exec(String containerId, ExecRequest request) {
    var r =
        call(
            CriMethods.EXEC,
            dev.keelson.node.cri.v1.ExecRequest.newBuilder()
                .setContainerId(containerId)
                .addAllCmd(request.command())
                .setTty(request.tty())
                .setStdin(request.stdin())
                .setStdout(request.stdout())
                .setStderr(request.stderr())
                .build(),
            "container " + containerId);
    return URI.create(r.getUrl());
  }

  // ---- images ----

  @Override
  public Optional<ImageInfo> imageStatus(String image) {
    ImageStatusResponse r =
        call(
            CriMethods.IMAGE_STATUS,
            ImageStatusRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(image))
                .build(),
            "image " + image);
    if (!r.hasImage() || r.getImage().getId().isEmpty()) {
      return Optional.empty();
    }
    var i = r.getImage();
    return Optional.of(new ImageInfo(i.getId(), i.getRepoTagsList(), i.getSize()));
  }

  @Override
  public String pullImage(String image) {
    return call(
            CriMethods.PULL_IMAGE,
            PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build(),
            options.pullTimeout(),
            "image " + image)
        .getImageRef();
  }

  // ---- logs ----

  @Override
  public List<String> containerLogs(String containerId, int tailLines) {
    String path = rawStatus(containerId).getLogPath();
    if (path.isEmpty()) {
      return List.of();
    }
    try {
      return CriLogFile.tail(Path.of(path), tailLines);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the log of container " + containerId, e);
    }
  }

  // ---- events (relisting) ----

  @Override
  public void onContainerEvent(Consumer<ContainerInfo> handler) {
    handlers.add(handler);
    synchronized (this) {
      if (relister == null && !closed) {
        relister = Thread.ofVirtual().name("cri relist " + options.endpoint()).start(this::relist);
      }
    }
  }

  private void relist() {
    while (!closed) {
      try {
        relistOnce();
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.debug("relisting containers failed: {}", e.toString());
      }
      try {
        Thread.sleep(options.relistPeriod());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void relistOnce() {
    var r =
        call(CriMethods.LIST_CONTAINERS, ListContainersRequest.getDefaultInstance(), "containers");
    Map<String, dev.keelson.node.cri.v1.ContainerState> now = new HashMap<>();
    List<Container> changed = new ArrayList<>();
    for (Container c : r.getContainersList()) {
      now.put(c.getId(), c.getState());
      if (lastSeen.get(c.getId()) != c.getState()) {
        changed.add(c);
      }
    }
    lastSeen.clear();
    lastSeen.putAll(now);
    for (Container c : changed) {
      containerSandbox.put(c.getId(), c.getPodSandboxId());
      ContainerInfo info;
      try {
        info = info(rawStatus(c.getId()), c.getPodSandboxId());
      } catch (NotFoundException e) {
        continue;
      }
      for (Consumer<ContainerInfo> h : handlers) {
        h.accept(info);
      }
    }
  }

  // ---- files ----

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log directory " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  LOG.debug("cannot delete {}: {}", p, e.toString());
                }
              });
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", dir, e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t = relister;
    if (t != null) {
      t.interrupt();
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
