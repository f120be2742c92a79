package dev.keelson.watch;

import dev.keelson.api.GenericObject;
import java.util.Map;

/**
 * Computes the fields a resource supports in field selectors, for example {@code status.phase} and
 * {@code spec.nodeName} for pods. The API server supplies one per resource.
 *
 * <p>Called once per stored version of an object, on the cache's dispatch thread; it must be fast,
 * thread-safe and free of side effects. {@code metadata.name} and {@code metadata.namespace} are
 * always added by the cache (from the key) and need not be returned.
 */
@FunctionalInterface
public interface FieldExtractor {
  /** The selectable fields of {@code object}, beyond name and namespace. */
  Map<String, String> fields(GenericObject object);

  /** Only {@code metadata.name} and {@code metadata.namespace}. */
  static FieldExtractor metadataOnly() {
    return object -> Map.of();
  }
}
