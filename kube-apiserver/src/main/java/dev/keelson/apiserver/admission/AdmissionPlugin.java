package dev.keelson.apiserver.admission;

/**
 * An in-process admission plugin. Implement {@link MutatingPlugin}, {@link ValidatingPlugin} or
 * both; a refusal is an {@link dev.keelson.api.errors.ApiException} (policy refusals: 403 {@link
 * dev.keelson.api.errors.ForbiddenException}).
 */
public interface AdmissionPlugin {
  /** The plugin's name, as configured (for example {@code NamespaceLifecycle}). */
  String name();

  /** Whether the plugin wants to see this operation (default: all). */
  default boolean handles(Operation operation) {
    return true;
  }

  /**
   * Whether the plugin may run on dry-run requests: a plugin with side effects it cannot skip
   * answers false and is left out of dry runs. Plugins that answer true (the default) must not
   * write anything when {@link Attributes#dryRun()} is set.
   */
  default boolean supportsDryRun() {
    return true;
  }
}
