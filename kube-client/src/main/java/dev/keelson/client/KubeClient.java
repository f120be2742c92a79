package dev.keelson.client;

import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.config.Kubeconfig;
import dev.keelson.client.internal.ApiCalls;
import dev.keelson.client.internal.HttpTransport;
import dev.keelson.client.spi.Transport;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Kubernetes API: typed access to the built-in kinds ({@link #resources(Class)})
 * and generic access to any resource ({@link #generic(GroupVersionResource)}).
 *
 * <pre>{@code
 * try (KubeClient client = KubeClient.fromKubeconfig(Path.of("admin.kubeconfig"))) {
 *   Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
 *   ConfigMap created = maps.create(configMap);
 *   KubeList<ConfigMap> page = maps.list(ListOptions.builder().limit(100L).build());
 * }
 * }</pre>
 *
 * <h2>Transport</h2>
 *
 * Over HTTP the client uses the JDK's {@code java.net.http.HttpClient}, which speaks HTTP/2 over
 * TLS (negotiated by ALPN), reuses connections and presents client certificates, so the client
 * needs no Netty. Other transports (the API server's in-process one) plug in through {@link
 * Transport} with {@link #over(Transport, ResourceRegistry, String)}.
 *
 * <h2>Resource paths</h2>
 *
 * Paths come from the {@link ResourceRegistry} (built-ins by default): {@code
 * /api/v1/namespaces/{ns}/pods}, {@code /apis/apps/v1/namespaces/{ns}/deployments}, and without a
 * namespace for cluster-scoped resources. Register custom resources in the registry, or pass their
 * {@link ResourceType} to {@link #generic(ResourceType)}.
 *
 * <p>Thread-safe; create one per cluster and share it. {@link #close()} ends its connections and
 * watches.
 */
public final class KubeClient implements AutoCloseable {
  private final ApiCalls calls;
  private final ResourceRegistry registry;
  private final String namespace;
  private final Map<Class<?>, ResourceType> byClass = new ConcurrentHashMap<>();

  private KubeClient(Transport transport, ResourceRegistry registry, String namespace) {
    this.calls = new ApiCalls(Objects.requireNonNull(transport, "transport"));
    this.registry = Objects.requireNonNull(registry, "registry");
    this.namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /** A client over HTTP(S) for the built-in resources. */
  public static KubeClient connect(ClientConfig config) {
    return new KubeClient(
        new HttpTransport(config), ResourceRegistry.builtins(), config.namespace());
  }

  /**
   * A client for the current context of a kubeconfig file.
   *
   * @throws dev.keelson.client.config.KubeconfigException if the file is missing or invalid
   */
  public static KubeClient fromKubeconfig(Path path) {
    return connect(Kubeconfig.load(path).clientConfig());
  }

  /**
   * A client for the current context of the kubeconfig kubectl would use: the files of {@code
   * KUBECONFIG} merged, else {@code ~/.kube/config}.
   */
  public static KubeClient fromKubeconfig() {
    return connect(Kubeconfig.loadDefault().clientConfig());
  }

  /**
   * A client over any transport, for example the API server's in-process one.
   *
   * @param namespace the default namespace ({@link #namespace()}); {@code null} for {@code default}
   */
  public static KubeClient over(Transport transport, ResourceRegistry registry, String namespace) {
    return new KubeClient(transport, registry, namespace);
  }

  /** The default namespace of the context the client was made for. */
  public String namespace() {
    return namespace;
  }

  /** The resources the client knows paths for. */
  public ResourceRegistry registry() {
    return registry;
  }

  /**
   * The objects of the resource whose record is {@code type}, in all namespaces (narrow with {@link
   * Resources#inNamespace}).
   *
   * @throws IllegalArgumentException if no registered resource has that record class
   */
  @SuppressWarnings("unchecked")
  public <T extends KubernetesObject> Resources<T> resources(Class<T> type) {
    if (type == GenericObject.class) {
      throw new IllegalArgumentException("GenericObject has no resource: use generic(...)");
    }
    ResourceType rt = byClass.computeIfAbsent(type, this::lookup);
    return new Resources<>(calls, rt, type, null);
  }

  /**
   * The objects of a registered resource as generic objects.
   *
   * @throws IllegalArgumentException if the registry does not know the resource
   */
  public Resources<GenericObject> generic(GroupVersionResource resource) {
    ResourceType rt =
        registry
            .byGvr(resource)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown resource "
                            + resource
                            + ": register it or pass its ResourceType to generic(...)"));
    return generic(rt);
  }

  /** The objects of a kind ({@code apiVersion} as {@code apps/v1}) as generic objects. */
  public Resources<GenericObject> generic(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    GroupVersionKind gvk =
        slash < 0
            ? new GroupVersionKind("", apiVersion, kind)
            : new GroupVersionKind(
                apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    ResourceType rt =
        registry
            .byGvk(gvk)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown kind " + apiVersion + " " + kind));
    return generic(rt);
  }

  /** The objects of any resource, registered or not (custom resources), as generic objects. */
  public Resources<GenericObject> generic(ResourceType type) {
    return new Resources<>(calls, type, GenericObject.class, null);
  }

  /** The server's discovery documents: which resources it serves (custom resources included). */
  public Discovery discovery() {
    return new Discovery(calls);
  }

  /** Closes connections; running watches end. */
  @Override
  public void close() {
    calls.close();
  }

  private ResourceType lookup(Class<?> type) {
    for (ResourceType rt : registry.all()) {
      if (type.getName().equals(rt.javaTypeName())) {
        return rt;
      }
    }
    throw new IllegalArgumentException(
        "no registered resource has the record " + type.getName() + ": use generic(...)");
  }
}
