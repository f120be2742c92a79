package dev.keelson.apiserver.admission.plugins;

import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugin;
import dev.keelson.apiserver.admission.AdmissionPluginProvider;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import java.util.List;
import java.util.function.Function;

/** The providers of the built-in admission plugins. */
public final class BuiltinPlugins {
  private BuiltinPlugins() {}

  /** One provider per built-in plugin. */
  public static List<AdmissionPluginProvider> providers() {
    return List.of(
        provider(AdmissionPlugins.NAMESPACE_LIFECYCLE, NamespaceLifecycle::new),
        provider(AdmissionPlugins.LIMIT_RANGER, LimitRanger::new),
        provider(AdmissionPlugins.SERVICE_ACCOUNT, ServiceAccountAdmission::new),
        provider(AdmissionPlugins.PRIORITY, PriorityAdmission::new),
        provider(AdmissionPlugins.DEFAULT_INGRESS_CLASS, DefaultIngressClass::new),
        provider(AdmissionPlugins.RESOURCE_QUOTA, ResourceQuotaAdmission::new));
  }

  private static AdmissionPluginProvider provider(
      String name, Function<AdmissionContext, AdmissionPlugin> create) {
    return new AdmissionPluginProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public AdmissionPlugin create(AdmissionContext context) {
        return create.apply(context);
      }
    };
  }
}
