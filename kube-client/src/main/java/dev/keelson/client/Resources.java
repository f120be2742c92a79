package dev.keelson.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.KubeList;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.client.internal.ApiCalls;
import dev.keelson.client.internal.StreamWatch;
import dev.keelson.client.spi.TransportStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The objects of one resource, in one namespace, in all namespaces, or cluster-wide (for
 * cluster-scoped resources). Immutable and thread-safe; {@link #inNamespace} returns a new view.
 *
 * <p>Every call is one request of the API. Failures are {@link
 * dev.keelson.api.errors.ApiException}s: the subclass of the server's Status ({@link
 * dev.keelson.api.errors.NotFoundException}, {@link dev.keelson.api.errors.ConflictException},
 * {@link dev.keelson.api.errors.InvalidException}, ...), or {@link ConnectionException} when the
 * server could not be reached.
 *
 * <p>Objects that need a namespace (get, create, update, patch, delete of a namespaced resource)
 * take it from this view, or for create and update from the object's {@code metadata.namespace}
 * when the view spans all namespaces.
 *
 * @param <T> the record of the kind, or {@link dev.keelson.api.GenericObject}
 */
public final class Resources<T extends KubernetesObject> {
  private final ApiCalls calls;
  private final ResourceType type;
  private final Class<T> javaType;
  private final String namespace;

  Resources(ApiCalls calls, ResourceType type, Class<T> javaType, String namespace) {
    this.calls = calls;
    this.type = type;
    this.javaType = javaType;
    this.namespace = namespace;
  }

  /** The resource. */
  public ResourceType type() {
    return type;
  }

  /** The namespace of this view, or {@code null} for all namespaces (or a cluster-scoped one). */
  public String namespace() {
    return namespace;
  }

  /**
   * This resource in one namespace.
   *
   * @throws IllegalArgumentException for a cluster-scoped resource
   */
  public Resources<T> inNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (!type.namespaced()) {
      throw new IllegalArgumentException(
          type.groupResource() + " is cluster-scoped: it has no namespaces");
    }
    return new Resources<>(calls, type, javaType, namespace);
  }

  /** This resource in all namespaces (list and watch span them all). */
  public Resources<T> inAnyNamespace() {
    return new Resources<>(calls, type, javaType, null);
  }

  /** The object; {@link dev.keelson.api.errors.NotFoundException} if there is none. */
  public T get(String name) {
    return decode(calls.call("GET", objectPath(namespace, name, null), List.of(), null, null));
  }

  /** One page of objects (the whole collection without a limit). */
  public KubeList<T> list(ListOptions options) {
    byte[] body = calls.call("GET", collectionPath(namespace), query(options), null, null);
    KubeList<JsonNode> raw = KubeJson.decode(body, new TypeReference<KubeList<JsonNode>>() {});
    List<T> items = new java.util.ArrayList<>(raw.items().size());
    for (JsonNode item : raw.items()) {
      items.add(KubeJson.convert(item, javaType));
    }
    return new KubeList<>(raw.apiVersion(), raw.kind(), raw.metadata(), items);
  }

  /**
   * Every object matching {@code options}, fetched lazily page by page (each page {@code
   * options.limit()} items, following the continue token). An expired token fails the stream with a
   * {@link dev.keelson.api.errors.GoneException}.
   */
  public Stream<T> listAll(ListOptions options) {
    ListOptions first = options == null ? ListOptions.none() : options;
    Iterator<T> it =
        new Iterator<>() {
          private Iterator<T> page = List.<T>of().iterator();
          private String next = "";
          private boolean started;

          @Override
          public boolean hasNext() {
            while (!page.hasNext()) {
              if (started && (next == null || next.isEmpty())) {
                return false;
              }
              KubeList<T> l = list(started ? first.withContinue(next) : first);
              started = true;
              next = l.metadata().continueToken();
              page = l.items().iterator();
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
  }

  /** Creates the object; returns it as stored (uid, resourceVersion, defaults). */
  public T create(T object) {
    String ns = namespaceOf(object);
    return decode(calls.call("POST", collectionPath(ns), List.of(), JSON, KubeJson.encode(object)));
  }

  /**
   * Replaces the object (PUT). Its {@code metadata.resourceVersion}, when set, must be current, or
   * the answer is a {@link dev.keelson.api.errors.ConflictException}. Status changes are ignored
   * where the resource has a status subresource ({@link #updateStatus}).
   */
  public T update(T object) {
    return put(object, null);
  }

  /** Replaces the status of the object (PUT on {@code /status}). */
  public T updateStatus(T object) {
    return put(object, "status");
  }

  /**
   * Creates {@code body} on a subresource of the object named {@code name} (POST on {@code
   * .../name/subresource}, as {@code pods/binding} or {@code pods/eviction}); returns the server's
   * answer (often a {@code Status}).
   */
  public JsonNode createSubresource(String name, String subresource, KubernetesObject body) {
    Objects.requireNonNull(subresource, "subresource");
    Objects.requireNonNull(body, "body");
    byte[] answer =
        calls.call(
            "POST",
            objectPath(namespace, name, subresource),
            List.of(),
            JSON,
            KubeJson.encode(body));
    return answer == null || answer.length == 0 ? null : KubeJson.parse(answer);
  }

  /**
   * Replaces the object through one of its subresources (PUT on {@code /{subresource}}), for
   * example a namespace's {@code finalize}.
   */
  public T updateSubresource(T object, String subresource) {
    if (subresource == null || subresource.isEmpty()) {
      throw new IllegalArgumentException("subresource is required");
    }
    return put(object, subresource);
  }

  /** Patches the object; {@code patch} is a JSON array for {@link PatchType#JSON}. */
  public T patch(String name, PatchType type, JsonNode patch) {
    Objects.requireNonNull(type, "type");
    return decode(
        calls.call(
            "PATCH",
            objectPath(namespace, name, null),
            List.of(),
            type.mediaType(),
            KubeJson.encode(patch)));
  }

  /**
   * Deletes the object; {@code options} may be {@code null}. Returns once the server accepted the
   * deletion (an object with finalizers lives on until they are removed).
   */
  public void delete(String name, DeleteOptions options) {
    calls.call(
        "DELETE",
        objectPath(namespace, name, null),
        List.of(),
        options == null ? null : JSON,
        options == null ? null : KubeJson.encode(options));
  }

  /** Deletes every object matching {@code options} (selectors) in this view. */
  public void deleteCollection(ListOptions options, DeleteOptions deleteOptions) {
    calls.call(
        "DELETE",
        collectionPath(namespace),
        query(options),
        deleteOptions == null ? null : JSON,
        deleteOptions == null ? null : KubeJson.encode(deleteOptions));
  }

  /**
   * Watches the objects of this view. Returns once the server has accepted the watch; events then
   * arrive on the listener (see {@link Watch} and {@link WatchListener}).
   *
   * @throws dev.keelson.api.errors.ApiException if the server refuses the watch
   */
  public Watch watch(WatchOptions options, WatchListener<T> listener) {
    Objects.requireNonNull(listener, "listener");
    WatchOptions o = options == null ? WatchOptions.none() : options;
    String path = collectionPath(namespace);
    TransportStream s = calls.stream(path, o.query());
    return StreamWatch.start(s, node -> KubeJson.convert(node, javaType), listener, path);
  }

  private T put(T object, String subresource) {
    ObjectMeta m = requireMeta(object);
    String ns = namespaceOf(object);
    return decode(
        calls.call(
            "PUT",
            objectPath(ns, m.name(), subresource),
            List.of(),
            JSON,
            KubeJson.encode(object)));
  }

  private T decode(byte[] body) {
    return KubeJson.decode(body, javaType);
  }

  private String namespaceOf(T object) {
    if (!type.namespaced()) {
      return null;
    }
    if (namespace != null) {
      return namespace;
    }
    ObjectMeta m = object.metadata();
    if (m == null || m.namespace() == null || m.namespace().isEmpty()) {
      throw new IllegalArgumentException(
          "no namespace for "
              + type.groupResource()
              + ": use inNamespace(...) or set metadata.namespace");
    }
    return m.namespace();
  }

  private static ObjectMeta requireMeta(KubernetesObject object) {
    ObjectMeta m = object.metadata();
    if (m == null || m.name() == null || m.name().isEmpty()) {
      throw new IllegalArgumentException("the object has no metadata.name");
    }
    return m;
  }

  private static List<java.util.Map.Entry<String, String>> query(ListOptions options) {
    return options == null ? List.of() : options.query();
  }

  private String prefix() {
    return type.group().isEmpty()
        ? "/api/" + type.version()
        : "/apis/" + type.group() + "/" + type.version();
  }

  private String collectionPath(String ns) {
    if (type.namespaced() && ns != null) {
      return prefix() + "/namespaces/" + ns + "/" + type.plural();
    }
    return prefix() + "/" + type.plural();
  }

  private String objectPath(String ns, String name, String subresource) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is required");
    }
    if (type.namespaced() && ns == null) {
      throw new IllegalStateException(
          type.groupResource() + " is namespaced: use inNamespace(...) to address one object");
    }
    return collectionPath(ns) + "/" + name + (subresource == null ? "" : "/" + subresource);
  }

  private static final String JSON = "application/json";
}
