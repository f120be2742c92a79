package dev.keelson.node.cri;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link CriRuntime} reaches its runtime.
 *
 * @param endpoint the runtime's unix socket, {@code unix:///run/containerd/containerd.sock} or a
 *     plain path
 * @param callTimeout the deadline of every call (kubelet's {@code --runtime-request-timeout}, 2
 *     min); calls that wait on purpose (StopContainer, ExecSync) get their own wait on top
 * @param pullTimeout the deadline of PullImage (pulls of large images are slow)
 * @param relistPeriod how often the runtime is relisted for container state changes (kubelet's PLEG
 *     relist period, 1 s)
 */
public record CriOptions(
    String endpoint, Duration callTimeout, Duration pullTimeout, Duration relistPeriod) {

  /** containerd's default socket. */
  public static final String DEFAULT_ENDPOINT = "unix:///run/containerd/containerd.sock";

  /** Checks the fields. */
  public CriOptions {
    endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint;
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(pullTimeout, "pullTimeout");
    Objects.requireNonNull(relistPeriod, "relistPeriod");
  }

  /** kubelet's defaults for {@code endpoint}. */
  public static CriOptions of(String endpoint) {
    return new CriOptions(
        endpoint, Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(1));
  }

  /** The socket's file path ({@code unix://} stripped). */
  public String socketPath() {
    return endpoint.startsWith("unix://") ? endpoint.substring("unix://".length()) : endpoint;
  }
}
