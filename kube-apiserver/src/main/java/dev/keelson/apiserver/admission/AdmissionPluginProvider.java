package dev.keelson.apiserver.admission;

/**
 * Makes an admission plugin by name: the built-ins and, through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.keelson.apiserver.admission.AdmissionPluginProvider}), third-party
 * plugins. A provider's plugin runs only if its name is in the server's configured list.
 */
public interface AdmissionPluginProvider {
  /** The name the configuration enables the plugin by. */
  String name();

  /** A plugin for one API server. */
  AdmissionPlugin create(AdmissionContext context);
}
