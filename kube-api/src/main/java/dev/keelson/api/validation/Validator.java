package dev.keelson.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates objects of one type: the per-resource validation an API server's strategy calls on
 * create and update, and the extension point for custom validators.
 *
 * <p>Implementations return every problem they find (not just the first), each with its field path,
 * and an empty list for a valid object. They must not throw for invalid input; {@link
 * Validation#requireValid} turns errors into a 422 {@code Invalid} error.
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface Validator<T> {
  /** The problems of {@code object} as created. */
  List<FieldError> validate(T object);

  /**
   * The problems of {@code newObject} replacing {@code oldObject}. The default validates the new
   * object as if created; override it to add immutability rules or to relax create-only rules.
   */
  default List<FieldError> validateUpdate(T newObject, T oldObject) {
    return validate(newObject);
  }

  /** A validator reporting the errors of this one followed by those of {@code next}. */
  default Validator<T> and(Validator<? super T> next) {
    Validator<T> first = this;
    return new Validator<>() {
      @Override
      public List<FieldError> validate(T object) {
        return concat(first.validate(object), next.validate(object));
      }

      @Override
      public List<FieldError> validateUpdate(T newObject, T oldObject) {
        return concat(
            first.validateUpdate(newObject, oldObject), next.validateUpdate(newObject, oldObject));
      }
    };
  }

  /** A validator that accepts everything. */
  static <T> Validator<T> none() {
    return object -> List.of();
  }

  private static List<FieldError> concat(List<FieldError> a, List<FieldError> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    List<FieldError> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
