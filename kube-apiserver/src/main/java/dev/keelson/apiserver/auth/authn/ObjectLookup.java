package dev.keelson.apiserver.auth.authn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads a stored core/v1 object (service accounts and pods, to check bound tokens). */
@FunctionalInterface
public interface ObjectLookup {
  /** The object, or empty if there is none. */
  Optional<JsonNode> get(String resource, String namespace, String name);
}
