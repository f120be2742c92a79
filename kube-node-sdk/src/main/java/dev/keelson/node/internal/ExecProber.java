package dev.keelson.node.internal;

import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ExecResult;
import dev.keelson.node.spi.ProbeRequest;
import dev.keelson.node.spi.ProbeResult;
import dev.keelson.node.spi.Prober;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The prober for runtimes that do not decide probes themselves: exec probes through {@link
 * ContainerRuntime#execSync} on a virtual thread (exit 0 is success). Other probes answer {@link
 * ProbeResult#UNKNOWN}; {@link NetworkProber} runs httpGet and tcpSocket probes in front of it.
 */
public final class ExecProber implements Prober {
  private final ContainerRuntime runtime;

  /** A prober over {@code runtime}. */
  public ExecProber(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public CompletionStage<ProbeResult> probe(ProbeRequest request) {
    if (request.probe().exec() == null) {
      return CompletableFuture.completedFuture(ProbeResult.UNKNOWN);
    }
    CompletableFuture<ProbeResult> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                ExecResult r =
                    runtime.execSync(
                        request.containerId(),
                        request.probe().exec().command(),
                        Duration.ofSeconds(request.probe().timeoutSeconds()));
                f.complete(r.exitCode() == 0 ? ProbeResult.SUCCESS : ProbeResult.FAILURE);
              } catch (RuntimeException e) {
                f.complete(ProbeResult.FAILURE);
              }
            });
    return f;
  }
}
