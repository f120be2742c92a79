package dev.keelson.api.validation;

import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.errors.InvalidException;
import java.util.List;

/** Turns validation results into the API's 422 {@code Invalid} error. */
public final class Validation {
  private Validation() {}

  /**
   * Throws an {@link InvalidException} ({@code Pod "web" is invalid: ...}, one cause per error) if
   * {@code errors} is not empty.
   */
  public static void requireValid(GroupVersionKind kind, String name, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw InvalidException.of(kind, name, errors);
    }
  }

  /** {@link #requireValid(GroupVersionKind, String, List)} for {@code object}'s kind and name. */
  public static void requireValid(KubernetesObject object, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw toException(object, errors);
    }
  }

  /** The {@link InvalidException} for {@code object} with {@code errors} (at least one). */
  public static InvalidException toException(KubernetesObject object, List<FieldError> errors) {
    String name = object.metadata() == null ? null : object.metadata().name();
    if (name == null || name.isEmpty()) {
      name = object.metadata() == null ? null : object.metadata().generateName();
    }
    GroupVersionKind gvk =
        GroupVersionKind.of(
            object.apiVersion() == null ? "" : object.apiVersion(),
            object.kind() == null ? "" : object.kind());
    return InvalidException.of(gvk, name, errors);
  }

  /** Validates {@code object} with {@code validator} and throws if it is invalid. */
  public static <T extends KubernetesObject> T validated(T object, Validator<? super T> validator) {
    requireValid(object, validator.validate(object));
    return object;
  }
}
