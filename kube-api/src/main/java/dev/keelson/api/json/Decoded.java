package dev.keelson.api.json;

import java.util.List;

/**
 * A decoded value and the paths of the fields that were unknown to the model (empty unless asked
 * for with {@link FieldValidation#WARN}).
 */
public record Decoded<T>(T value, List<String> unknownFields) {
  public Decoded {
    unknownFields = List.copyOf(unknownFields);
  }

  /** Kubernetes' warning text for each unknown field: {@code unknown field "spec.foo"}. */
  public List<String> warnings() {
    if (unknownFields.isEmpty()) {
      return List.of(); // the usual case: no stream set up per request
    }
    return unknownFields.stream().map(f -> "unknown field \"" + f + "\"").toList();
  }
}
