package dev.keelson.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupVersionKind;
import java.util.Optional;

/**
 * Where the OpenAPI documents get the schemas of custom resources: the {@code
 * spec.versions[].schema.openAPIV3Schema} of the kind's CustomResourceDefinition (a JSON Schema
 * tree as the CRD holds it). The CRD machinery (a later issue) supplies an implementation backed by
 * the stored CRDs; until then {@link #NONE} publishes every custom resource as an object that keeps
 * unknown fields. Called while a document is built, from request threads: implementations must be
 * thread-safe and fast (documents of group-versions with custom resources are rebuilt per request,
 * since a CRD's schema can change without its names changing).
 */
@FunctionalInterface
public interface CustomResourceSchemas {
  /** No schemas known. */
  CustomResourceSchemas NONE = gvk -> Optional.empty();

  /** The {@code openAPIV3Schema} of {@code gvk}, if its CRD declares one. */
  Optional<JsonNode> schema(GroupVersionKind gvk);
}
