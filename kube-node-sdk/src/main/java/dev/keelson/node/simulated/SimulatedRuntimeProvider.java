package dev.keelson.node.simulated;

import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerRuntimeProvider;
import dev.keelson.node.spi.RuntimeContext;
import java.time.Duration;

/** Provides the {@code simulated} runtime with no start latency. */
public final class SimulatedRuntimeProvider implements ContainerRuntimeProvider {
  /** The provider ServiceLoader instantiates. */
  public SimulatedRuntimeProvider() {}

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public ContainerRuntime create(RuntimeContext context) {
    return new SimulatedRuntime(context.clock(), Duration.ZERO);
  }
}
