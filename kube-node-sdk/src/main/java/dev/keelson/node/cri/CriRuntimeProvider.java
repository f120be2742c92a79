package dev.keelson.node.cri;

import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerRuntimeProvider;
import dev.keelson.node.spi.RuntimeContext;
import io.netty.channel.epoll.Epoll;
import java.util.Optional;

/**
 * Provides the {@code cri} runtime: {@link CriRuntime} connected to {@link
 * RuntimeContext#endpoint()} (containerd's {@code unix:///run/containerd/containerd.sock} when
 * empty) with kubelet's timeouts.
 */
public final class CriRuntimeProvider implements ContainerRuntimeProvider {
  /** The provider ServiceLoader instantiates. */
  public CriRuntimeProvider() {}

  @Override
  public String name() {
    return "cri";
  }

  @Override
  public Optional<String> unavailabilityReason() {
    return Epoll.isAvailable()
        ? Optional.empty()
        : Optional.of(
            "netty's native epoll transport is unavailable: " + Epoll.unavailabilityCause());
  }

  @Override
  public ContainerRuntime create(RuntimeContext context) {
    return CriRuntime.connect(CriOptions.of(context.endpoint()));
  }
}
