package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * What the resource API asks of the CustomResourceDefinition machinery: the schema-driven steps of
 * custom resources (pruning, defaulting, validation, version conversion, scale paths) and the CRD's
 * own rules. {@link #NONE} treats every resource as schemaless. Implementations are called on
 * request threads and must be thread-safe.
 */
public interface CustomResourceHooks {
  /** No custom resource rules. */
  CustomResourceHooks NONE = new CustomResourceHooks() {};

  /** Where the scale subresource of a custom resource finds its numbers, as JSON paths. */
  record ScalePaths(String specReplicas, String statusReplicas, String labelSelector) {
    /** The workloads' layout: {@code .spec.replicas}, {@code .status.replicas}. */
    public static final ScalePaths WORKLOAD =
        new ScalePaths(".spec.replicas", ".status.replicas", null);
  }

  /** Whether reads and writes of {@code type} go through these hooks (custom resources). */
  default boolean handles(ResourceType type) {
    return false;
  }

  /**
   * Drops the unknown fields of a decoded object; returns their paths ({@code spec.foo}) for
   * fieldValidation's Warn and Strict.
   */
  default List<String> prune(ResourceType type, ObjectNode object, FieldValidation validation) {
    return List.of();
  }

  /**
   * The structural {@code openAPIV3Schema} of {@code type}'s version (server-side apply merges by
   * its list and map types), or {@code null} if it has none.
   */
  default com.fasterxml.jackson.databind.JsonNode openApiSchema(ResourceType type) {
    return null;
  }

  /** Applies the defaults of {@code type} to an object being written or read. */
  default void applyDefaults(ResourceType type, ObjectNode object) {}

  /** Errors of an object being created ({@code old == null}) or updated. */
  default List<FieldError> validate(ResourceType type, ObjectNode object, ObjectNode old) {
    return List.of();
  }

  /** The object as stored: converted to the storage version (a copy if it changes). */
  default ObjectNode toStorage(ResourceType type, ObjectNode object) {
    return object;
  }

  /** A stored object as {@code type}'s version serves it (converted and defaulted, in place). */
  default ObjectNode fromStorage(ResourceType type, ObjectNode object) {
    return object;
  }

  /** The scale subresource's paths of {@code type}, if it has one with custom paths. */
  default Optional<ScalePaths> scalePaths(ResourceType type) {
    return Optional.empty();
  }

  /**
   * Called when a delete of an object of {@code type} begins, before its finalizers are looked at:
   * may add finalizers and conditions (a CRD gets its cleanup finalizer and {@code Terminating}).
   */
  default void beforeDelete(ResourceType type, ObjectNode object) {}

  /**
   * Refuses a create of {@code type} that may not happen now (for example while its CRD is
   * terminating), by throwing an API exception.
   */
  default void checkCreate(ResourceType type) {}
}
