package dev.keelson.samples.operator;

/**
 * What a {@link Website} should be.
 *
 * @param image the container image serving the site (required)
 * @param replicas how many pods serve it (default 1, at least 0)
 * @param port the port the container listens on and the Service exposes (default 80, 1 to 65535)
 */
public record WebsiteSpec(String image, Integer replicas, Integer port) {
  /** The default of {@code replicas}. */
  public static final int DEFAULT_REPLICAS = 1;

  /** The default of {@code port}. */
  public static final int DEFAULT_PORT = 80;

  /** {@code replicas}, defaulted. */
  public int replicasOrDefault() {
    return replicas == null ? DEFAULT_REPLICAS : replicas;
  }

  /** {@code port}, defaulted. */
  public int portOrDefault() {
    return port == null ? DEFAULT_PORT : port;
  }

  /**
   * What is wrong with this spec, or {@code null} if nothing is (the checks the CRD's schema makes
   * once CRDs are served).
   */
  public String problem() {
    if (image == null || image.isBlank()) {
      return "spec.image: Required value";
    }
    if (replicasOrDefault() < 0) {
      return "spec.replicas: Invalid value: " + replicas + ": must be greater than or equal to 0";
    }
    if (portOrDefault() < 1 || portOrDefault() > 65535) {
      return "spec.port: Invalid value: " + port + ": must be between 1 and 65535, inclusive";
    }
    return null;
  }
}
