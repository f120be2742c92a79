package dev.keelson.node.spi;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container runtime as the node agent sees it; each method maps to one CRI call (named in its
 * doc). Methods may block (a CRI runtime makes a gRPC call; {@link #stopContainer} waits for the
 * container to stop) and are called from virtual threads. Unknown ids raise {@link
 * RuntimeException}s of type {@link NotFoundException}. Implementations are thread-safe.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** CRI {@code Version}. */
  RuntimeVersion version();

  /** CRI {@code Status}: RuntimeReady and NetworkReady. */
  RuntimeStatus status();

  /** CRI {@code RunPodSandbox}: creates and starts a sandbox, answering its id. */
  String runPodSandbox(PodSandboxConfig config);

  /** CRI {@code StopPodSandbox}: stops the sandbox (its containers must be stopped first). */
  void stopPodSandbox(String sandboxId);

  /** CRI {@code RemovePodSandbox}: removes a stopped sandbox and its containers; idempotent. */
  void removePodSandbox(String sandboxId);

  /** CRI {@code PodSandboxStatus}. */
  PodSandboxStatus podSandboxStatus(String sandboxId);

  /** CRI {@code ListPodSandbox} (unfiltered). */
  List<PodSandboxStatus> listPodSandboxes();

  /** CRI {@code CreateContainer}: creates a container in a sandbox, answering its id. */
  String createContainer(String sandboxId, ContainerConfig config);

  /** CRI {@code StartContainer}. */
  void startContainer(String containerId);

  /**
   * CRI {@code StopContainer}: asks the container to stop (its stop signal, SIGTERM by default) and
   * kills it when {@code timeout} has passed; a zero timeout kills at once. Returns when the
   * container has stopped.
   */
  void stopContainer(String containerId, Duration timeout);

  /** CRI {@code RemoveContainer}: removes a stopped container; idempotent. */
  void removeContainer(String containerId);

  /** CRI {@code ContainerStatus}. */
  ContainerInfo containerStatus(String containerId);

  /** CRI {@code ListContainers} filtered by sandbox (all sandboxes when {@code sandboxId} null). */
  List<ContainerInfo> listContainers(String sandboxId);

  /**
   * CRI {@code ExecSync}: runs a command in a running container and waits up to {@code timeout}.
   */
  ExecResult execSync(String containerId, List<String> command, Duration timeout);

  /**
   * CRI {@code Exec}: the URL of the streaming server that serves this exec (WebSocket, channel
   * protocol {@code v4.channel.k8s.io}). Runtimes without streaming throw {@link
   * UnsupportedOperationException}.
   */
  default URI exec(String containerId, ExecRequest request) {
    throw new UnsupportedOperationException("this runtime does not stream exec sessions");
  }

  /** CRI ImageService {@code ImageStatus}: the image if present. */
  Optional<ImageInfo> imageStatus(String image);

  /**
   * CRI ImageService {@code PullImage}: answers the image reference (its id); a failed pull throws
   * (a {@link NotFoundException} when the registry has no such image).
   */
  String pullImage(String image);

  /**
   * The last {@code tailLines} lines of a container's log (all when negative). CRI runtimes write
   * the file at {@link ContainerConfig#logPath()}; the agent reads it there.
   */
  List<String> containerLogs(String containerId, int tailLines);

  /** Releases what the runtime holds (connections, timers); containers are left as they are. */
  @Override
  void close();
}
