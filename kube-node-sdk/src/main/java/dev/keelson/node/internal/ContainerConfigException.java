package dev.keelson.node.internal;

/**
 * A container's config cannot be made (a missing ConfigMap, Secret or key, an unsupported field):
 * the container waits with reason {@code CreateContainerConfigError} and this message.
 */
final class ContainerConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ContainerConfigException(String message) {
    super(message);
  }
}
