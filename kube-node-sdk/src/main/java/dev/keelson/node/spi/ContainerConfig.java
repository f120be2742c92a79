package dev.keelson.node.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CRI {@code ContainerConfig}, the part the agent fills (devices and resources come with resource
 * materialisation).
 *
 * @param name the container's name in the pod
 * @param attempt the restart count of this container
 * @param image the image reference
 * @param command the entrypoint (the image's when empty)
 * @param args the arguments
 * @param workingDir the working directory, empty for the image's
 * @param env the environment, already resolved, in kubelet's order (CRI {@code envs})
 * @param logPath the log file, relative to the sandbox's log directory ({@code name/attempt.log})
 * @param labels CRI labels ({@code io.kubernetes.container.name} and the pod's)
 * @param annotations CRI annotations
 * @param mounts CRI {@code mounts}: the container's volumeMounts resolved to host paths
 * @param stdin keep the container's standard input open for attach (the pod spec's {@code stdin})
 * @param stdinOnce close that input when the first attached client detaches ({@code stdinOnce})
 * @param tty give the container a terminal ({@code tty})
 */
public record ContainerConfig(
    String name,
    int attempt,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    Map<String, String> env,
    String logPath,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<Mount> mounts,
    boolean stdin,
    boolean stdinOnce,
    boolean tty) {
  /** Copies the collections; the environment keeps its order. */
  public ContainerConfig {
    command = List.copyOf(command);
    args = List.copyOf(args);
    workingDir = workingDir == null ? "" : workingDir;
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
  }

  /** A config without standard input or terminal. */
  public ContainerConfig(
      String name,
      int attempt,
      String image,
      List<String> command,
      List<String> args,
      String workingDir,
      Map<String, String> env,
      String logPath,
      Map<String, String> labels,
      Map<String, String> annotations,
      List<Mount> mounts) {
    this(
        name,
        attempt,
        image,
        command,
        args,
        workingDir,
        env,
        logPath,
        labels,
        annotations,
        mounts,
        false,
        false,
        false);
  }

  /** A config without mounts, standard input or terminal. */
  public ContainerConfig(
      String name,
      int attempt,
      String image,
      List<String> command,
      List<String> args,
      String workingDir,
      Map<String, String> env,
      String logPath,
      Map<String, String> labels,
      Map<String, String> annotations) {
    this(
        name,
        attempt,
        image,
        command,
        args,
        workingDir,
        env,
        logPath,
        labels,
        annotations,
        List.of());
  }
}
