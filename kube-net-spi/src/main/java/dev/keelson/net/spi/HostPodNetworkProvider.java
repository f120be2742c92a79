package dev.keelson.net.spi;

/** Provides the {@code host} pod network ({@link HostPodNetwork}). */
public final class HostPodNetworkProvider implements PodNetworkProvider {
  /** The provider ServiceLoader instantiates. */
  public HostPodNetworkProvider() {}

  @Override
  public String name() {
    return "host";
  }

  @Override
  public PodNetwork create(PodNetworkContext context) {
    return new HostPodNetwork(context.hostIp());
  }
}
