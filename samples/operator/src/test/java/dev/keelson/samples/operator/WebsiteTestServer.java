package dev.keelson.samples.operator;

import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.testkit.KeelsonExtension;

/**
 * The one place where tests make the API server serve Websites.
 *
 * <p>CRDs are not served yet, so the resource is registered in the server's registry through the
 * test kit's server configuration. Once CRDs are served, this becomes "apply the CRD" ({@code
 * crd/websites.samples.keelson.dev.yaml}) to a plain test server instead.
 */
final class WebsiteTestServer {
  private WebsiteTestServer() {}

  /** A per-class test server that serves {@code websites.samples.keelson.dev/v1}. */
  static KeelsonExtension servingWebsites() {
    return KeelsonExtension.perClass()
        .withServerConfig(config -> config.withRegistry(registryWithWebsites()));
  }

  private static ResourceRegistry registryWithWebsites() {
    ResourceRegistry registry = ResourceRegistry.builtins();
    registry.register(Website.RESOURCE);
    return registry;
  }
}
