package dev.keelson.controller.informer;

import dev.keelson.api.GenericObject;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shares informers: one {@link SharedInformer} per resource, Java type (record or {@link
 * GenericObject}) and {@link InformerOptions.Scope} (namespace and selectors), however many
 * controllers ask (client-go's {@code SharedInformerFactory}).
 *
 * <pre>{@code
 * try (InformerFactory informers = InformerFactory.create(client)) {
 *   SharedInformer<Pod> pods = informers.informer(Pod.class);
 *   pods.addHandler(new ResourceEventHandler<>() { ... });
 *   informers.start();
 *   informers.waitForSync(Duration.ofSeconds(30));
 *   pods.indexer().list("default");
 * }
 * }</pre>
 *
 * <p>Informers asked for after {@link #start()} start at once. The tuning fields of {@link
 * InformerOptions} (resync, page size, ...) are those of the first request for a scope.
 */
public final class InformerFactory implements AutoCloseable {
  private final KubeClient client;
  private final Clock clock;
  private final InformerOptions defaults;
  private final Transform transform;
  private final Map<Key, SharedInformer<?>> informers = new LinkedHashMap<>();
  private boolean started;
  private boolean closed;

  private record Key(ResourceType type, Class<?> javaType, InformerOptions.Scope scope) {}

  private InformerFactory(
      KubeClient client, Clock clock, InformerOptions defaults, Transform transform) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.transform = Objects.requireNonNull(transform, "transform");
  }

  /** A factory on the system clock with {@link InformerOptions#defaults()}. */
  public static InformerFactory create(KubeClient client) {
    return new InformerFactory(
        client, Clock.system(), InformerOptions.defaults(), Transform.identity());
  }

  /** A factory whose informers time resyncs and backoff on {@code clock}. */
  public static InformerFactory create(KubeClient client, Clock clock, InformerOptions defaults) {
    return new InformerFactory(client, clock, defaults, Transform.identity());
  }

  /**
   * A factory whose informers also apply {@code transform} to every object before caching it
   * (client-go's {@code WithTransform}); an informer may still be given its own with {@link
   * SharedInformer#setTransform} before it starts.
   */
  public static InformerFactory create(
      KubeClient client, Clock clock, InformerOptions defaults, Transform transform) {
    return new InformerFactory(client, clock, defaults, transform);
  }

  /** The options of informers asked for without options. */
  public InformerOptions defaults() {
    return defaults;
  }

  /** The transform every new informer starts with. */
  public Transform transform() {
    return transform;
  }

  /** The informer of a kind in all namespaces with the factory's defaults. */
  public <T extends KubernetesObject> SharedInformer<T> informer(Class<T> type) {
    return informer(type, defaults);
  }

  /** The informer of a kind for these options (shared per namespace and selectors). */
  public <T extends KubernetesObject> SharedInformer<T> informer(
      Class<T> type, InformerOptions options) {
    return get(client.resources(type).inAnyNamespace(), type, options);
  }

  /** The informer of any resource as {@link GenericObject}s. */
  public SharedInformer<GenericObject> generic(ResourceType type, InformerOptions options) {
    return get(client.generic(type), GenericObject.class, options);
  }

  /** The informer of {@code apiVersion}/{@code kind} as {@link GenericObject}s. */
  public SharedInformer<GenericObject> generic(
      String apiVersion, String kind, InformerOptions options) {
    return get(client.generic(apiVersion, kind), GenericObject.class, options);
  }

  @SuppressWarnings("unchecked")
  private synchronized <T extends KubernetesObject> SharedInformer<T> get(
      Resources<T> resources, Class<T> javaType, InformerOptions options) {
    if (closed) {
      throw new IllegalStateException("factory closed");
    }
    Key key = new Key(resources.type(), javaType, options.scope());
    SharedInformer<?> existing = informers.get(key);
    if (existing != null) {
      return (SharedInformer<T>) existing;
    }
    SharedInformer<T> informer = SharedInformer.of(resources, options, clock);
    informer.setTransform(transform);
    informers.put(key, informer);
    if (started) {
      informer.start();
    }
    return informer;
  }

  /** Whether {@link #start()} was called. */
  public synchronized boolean started() {
    return started;
  }

  /** Starts every informer (and those asked for later). */
  public synchronized void start() {
    started = true;
    for (SharedInformer<?> i : informers.values()) {
      i.start();
    }
  }

  /** Waits until every informer made so far has synced; false on timeout. */
  public boolean waitForSync(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (SharedInformer<?> i : snapshot()) {
      long left = deadline - System.nanoTime();
      if (!i.waitForSync(Duration.ofNanos(Math.max(0, left)))) {
        return false;
      }
    }
    return true;
  }

  /** The informers made so far. */
  public synchronized List<SharedInformer<?>> snapshot() {
    return new ArrayList<>(informers.values());
  }

  /** Stops every informer. */
  @Override
  public void close() {
    List<SharedInformer<?>> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(informers.values());
    }
    for (SharedInformer<?> i : all) {
      i.close();
    }
  }
}
