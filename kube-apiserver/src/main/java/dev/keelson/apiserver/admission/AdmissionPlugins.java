package dev.keelson.apiserver.admission;

import java.util.List;

/** The names of the built-in admission plugins, and the list an API server runs by default. */
public final class AdmissionPlugins {
  public static final String NAMESPACE_LIFECYCLE = "NamespaceLifecycle";
  public static final String LIMIT_RANGER = "LimitRanger";
  public static final String SERVICE_ACCOUNT = "ServiceAccount";
  public static final String PRIORITY = "Priority";
  public static final String DEFAULT_INGRESS_CLASS = "DefaultIngressClass";
  public static final String RESOURCE_QUOTA = "ResourceQuota";

  /**
   * The plugins on by default: the built-ins among kube-apiserver's default plugins, in
   * kube-apiserver's order (ResourceQuota last, so that only writes every other plugin admitted are
   * charged).
   */
  public static final List<String> DEFAULTS =
      List.of(
          NAMESPACE_LIFECYCLE,
          LIMIT_RANGER,
          SERVICE_ACCOUNT,
          PRIORITY,
          DEFAULT_INGRESS_CLASS,
          RESOURCE_QUOTA);

  private AdmissionPlugins() {}

  /** {@code plugins} without the named ones. */
  public static List<String> without(List<String> plugins, String... names) {
    List<String> drop = List.of(names);
    return plugins.stream().filter(p -> !drop.contains(p)).toList();
  }
}
