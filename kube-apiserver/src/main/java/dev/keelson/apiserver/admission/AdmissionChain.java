package dev.keelson.apiserver.admission;

import dev.keelson.apiserver.admission.plugins.BuiltinPlugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The plugins of one API server, in the configured order: {@link #admit} runs the mutating ones,
 * {@link #validate} the validating ones. A plugin that implements both takes part in both passes.
 */
public final class AdmissionChain {
  /** No admission at all. */
  public static final AdmissionChain NONE = new AdmissionChain(List.of());

  private final List<AdmissionPlugin> plugins;
  private final List<MutatingPlugin> mutating = new ArrayList<>();
  private final List<ValidatingPlugin> validating = new ArrayList<>();

  /** A chain of these plugins, in this order. */
  public AdmissionChain(List<? extends AdmissionPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
    for (AdmissionPlugin p : this.plugins) {
      if (p instanceof MutatingPlugin m) {
        mutating.add(m);
      }
      if (p instanceof ValidatingPlugin v) {
        validating.add(v);
      }
    }
  }

  /**
   * The chain of the named plugins, in this order, made by the built-in providers and those found
   * by {@link ServiceLoader} (a third-party provider may not reuse a built-in's name).
   *
   * @throws IllegalArgumentException for a name no provider knows, or named twice
   */
  public static AdmissionChain of(List<String> names, AdmissionContext context) {
    Map<String, AdmissionPluginProvider> providers = providers();
    List<AdmissionPlugin> plugins = new ArrayList<>();
    for (String name : names) {
      AdmissionPluginProvider p = providers.get(name);
      if (p == null) {
        throw new IllegalArgumentException(
            "unknown admission plugin \"" + name + "\"; known: " + providers.keySet());
      }
      if (plugins.stream().anyMatch(x -> x.name().equals(name))) {
        throw new IllegalArgumentException("admission plugin \"" + name + "\" named twice");
      }
      plugins.add(p.create(context));
    }
    return new AdmissionChain(plugins);
  }

  /** Every provider by name: the built-ins, then those {@link ServiceLoader} finds. */
  public static Map<String, AdmissionPluginProvider> providers() {
    Map<String, AdmissionPluginProvider> out = new LinkedHashMap<>();
    for (AdmissionPluginProvider p : BuiltinPlugins.providers()) {
      out.put(p.name(), p);
    }
    for (AdmissionPluginProvider p : ServiceLoader.load(AdmissionPluginProvider.class)) {
      if (out.containsKey(p.name())) {
        throw new IllegalStateException(
            "admission plugin provider " + p.getClass().getName() + " reuses name " + p.name());
      }
      out.put(p.name(), p);
    }
    return out;
  }

  /** The plugins, in order. */
  public List<AdmissionPlugin> plugins() {
    return plugins;
  }

  /** Runs the mutating plugins in order; the first refusal ends the request. */
  public void admit(Attributes a) {
    for (MutatingPlugin p : mutating) {
      if (runs(p, a)) {
        p.admit(a);
      }
    }
  }

  /** Runs the validating plugins in order; the first refusal ends the request. */
  public void validate(Attributes a) {
    for (ValidatingPlugin p : validating) {
      if (runs(p, a)) {
        p.validate(a);
      }
    }
  }

  private static boolean runs(AdmissionPlugin p, Attributes a) {
    return p.handles(a.operation()) && (!a.dryRun() || p.supportsDryRun());
  }
}
