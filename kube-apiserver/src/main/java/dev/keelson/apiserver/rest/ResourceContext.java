package dev.keelson.apiserver.rest;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.BuiltinValidators;
import dev.keelson.api.validation.Validator;
import dev.keelson.store.Store;
import dev.keelson.watch.FieldExtractor;
import dev.keelson.watch.ResourceKeys;
import dev.keelson.watch.WatchCache;
import dev.keelson.watch.WatchCacheConfig;
import java.nio.charset.StandardCharsets;

/**
 * Everything the API server keeps per resource: its type, its keys in the store, its watch cache
 * (started on first use) and its metadata rules.
 */
final class ResourceContext implements AutoCloseable {
  private final ResourceType type;
  private final ResourceKeys keys;
  private final Store store;
  private final FieldExtractor fields;
  private final Validator<KubernetesObject> validator;
  private volatile WatchCache cache;
  private final java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode>
      reading;

  ResourceContext(ResourceType type, Store store, FieldExtractor fields) {
    this(type, store, fields, null);
  }

  /**
   * @param reading how stored objects are served (custom resources: converted to this version and
   *     defaulted), or {@code null} to serve them as stored
   */
  ResourceContext(
      ResourceType type,
      Store store,
      FieldExtractor fields,
      java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> reading) {
    this.reading = reading;
    this.type = type;
    this.keys = new ResourceKeys(type.group(), type.plural(), type.namespaced());
    this.store = store;
    this.fields = fields;
    this.validator = BuiltinValidators.forResource(type);
  }

  ResourceType type() {
    return type;
  }

  ResourceKeys keys() {
    return keys;
  }

  byte[] key(String namespace, String name) {
    return keys.key(namespace, name).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether stored objects are rewritten on the way out ({@link #served}). */
  boolean rewritesReads() {
    return reading != null;
  }

  /** A stored object as this resource version serves it. */
  com.fasterxml.jackson.databind.node.ObjectNode served(
      com.fasterxml.jackson.databind.node.ObjectNode stored) {
    return reading == null ? stored : reading.apply(stored);
  }

  /** Stored JSON as this resource version serves it. */
  byte[] served(byte[] json) {
    if (reading == null) {
      return json;
    }
    return dev.keelson.api.json.KubeJson.encode(
        reading.apply(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.keelson.api.json.KubeJson.parse(json)));
  }

  /** The resource's validation (metadata, and the kind's own rules where Keelson has them). */
  Validator<KubernetesObject> validator() {
    return validator;
  }

  boolean hasStatusSubresource() {
    return type.subresource("status").isPresent();
  }

  /** The watch cache, started on first use. */
  WatchCache cache() {
    WatchCache c = cache;
    if (c == null) {
      synchronized (this) {
        c = cache;
        if (c == null) {
          c =
              WatchCache.start(
                  store,
                  WatchCacheConfig.builder(keys, type.apiVersion(), type.kind())
                      .fields(fields)
                      .build());
          cache = c;
        }
      }
    }
    return c;
  }

  @Override
  public synchronized void close() {
    if (cache != null) {
      cache.close();
    }
  }
}
