package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.selector.FieldSelector;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Store;
import dev.keelson.store.StoreException;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.ResourceKeys;
import dev.keelson.watch.Selector;
import dev.keelson.watch.StoredObject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The API server's side of {@link AdmissionContext}: the store and the watch caches. */
final class AdmissionAccess implements AdmissionContext {
  private final ResourceHandler handler;
  private final Store store;
  private final InstantSource clock;

  AdmissionAccess(ResourceHandler handler, Store store, InstantSource clock) {
    this.handler = handler;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Optional<ObjectNode> get(GroupResource resource, String namespace, String name) {
    ResourceContext ctx = handler.context(resource.group(), resource.resource());
    return store
        .get(ctx.key(ctx.type().namespaced() ? namespace : null, name))
        .map(StoredObjects::read);
  }

  @Override
  public List<ObjectNode> list(GroupResource resource, String namespace) {
    ResourceContext ctx = handler.context(resource.group(), resource.resource());
    ListOptions options =
        ListOptions.all().atResourceVersion("0", ListOptions.ResourceVersionMatch.NOT_OLDER_THAN);
    if (namespace != null && ctx.type().namespaced()) {
      options = options.inNamespace(namespace);
    }
    List<ObjectNode> out = new ArrayList<>();
    for (StoredObject o : ctx.cache().list(options).items()) {
      out.add(o.object().json());
    }
    return out;
  }

  @Override
  public Optional<ObjectNode> cached(GroupResource resource, String namespace, String name) {
    // The cache's decoded tree, copied (cheaper than parsing its JSON again).
    return cachedObject(resource, namespace, name).map(GenericObject::json);
  }

  @Override
  public Optional<GenericObject> cachedObject(
      GroupResource resource, String namespace, String name) {
    ResourceContext ctx = handler.context(resource.group(), resource.resource());
    boolean namespaced = ctx.type().namespaced();
    if (ResourceKeys.isSegment(name) && (!namespaced || ResourceKeys.isSegment(namespace))) {
      // one object by its key, without a list (NamespaceLifecycle on every namespaced write)
      String key = ctx.keys().key(namespaced ? namespace : null, name);
      return ctx.cache().get(key).map(StoredObject::object);
    }
    ListOptions options =
        ListOptions.all()
            .withFields(Selector.fields(FieldSelector.equal("metadata.name", name)))
            .atResourceVersion("0", ListOptions.ResourceVersionMatch.NOT_OLDER_THAN);
    if (namespace != null && ctx.type().namespaced()) {
      options = options.inNamespace(namespace);
    }
    for (StoredObject o : ctx.cache().list(options).items()) {
      if (o.name().equals(name)) {
        return Optional.of(o.object());
      }
    }
    return Optional.empty();
  }

  @Override
  public ObjectNode updateStatus(GroupResource resource, ObjectNode object) {
    ResourceContext ctx = handler.context(resource.group(), resource.resource());
    String namespace = ctx.type().namespaced() ? StoredObjects.meta(object, "namespace") : null;
    String name = StoredObjects.meta(object, "name");
    byte[] key = ctx.key(namespace, name);
    KeyValue kv = store.get(key).orElseThrow(() -> NotFoundException.of(resource, name));
    String rv = StoredObjects.meta(object, "resourceVersion");
    if (rv == null || !rv.equals(Long.toString(kv.modRevision()))) {
      throw ConflictException.of(resource, name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
    }
    ObjectNode stored = StoredObjects.read(kv);
    if (object.has("status")) {
      stored.set("status", object.get("status"));
    } else {
      stored.remove("status");
    }
    StoredObjects.metadata(stored).remove("resourceVersion");
    try {
      long rev = store.update(key, StoredObjects.write(stored), kv.modRevision());
      StoredObjects.metadata(stored).put("resourceVersion", Long.toString(rev));
      return stored;
    } catch (dev.keelson.store.ConflictException e) {
      throw ConflictException.of(resource, name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
    } catch (StoreException e) {
      throw StoreErrors.translate(e, ctx.type(), name);
    }
  }

  @Override
  public boolean serves(GroupResource resource) {
    return handler.serves(resource);
  }

  @Override
  public InstantSource clock() {
    return clock;
  }
}
