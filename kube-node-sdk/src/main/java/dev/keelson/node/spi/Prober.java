package dev.keelson.node.spi;

import java.util.concurrent.CompletionStage;

/**
 * Runs container probes. The agent's probe workers call it once per period per probe and count
 * results against the thresholds; the prober only answers one run. It must honour {@code
 * timeoutSeconds} (a timed-out run is a {@link ProbeResult#FAILURE}) and may complete on any
 * thread. A runtime that decides probe outcomes itself (the simulated one) implements this too;
 * otherwise the agent uses exec through {@link ContainerRuntime#execSync} and network checks.
 */
public interface Prober {
  /** Runs one probe. */
  CompletionStage<ProbeResult> probe(ProbeRequest request);
}
