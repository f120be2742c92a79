package dev.keelson.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apply.internal.BuiltinTypes;
import dev.keelson.api.apply.internal.SchemaTypes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How server-side apply treats a value: a {@link Struct} (fields merged one by one), a {@link
 * MapType} (entries merged one by one), a {@link ListType} (atomic, a set, or a map keyed by some
 * of its elements' fields), a {@link Scalar} or {@link #DEDUCED} (free-form JSON: objects merge as
 * maps, lists are atomic). Structs and maps may be atomic: replaced whole.
 */
public sealed interface FieldType {
  /** Scalars, and anything replaced whole. */
  FieldType SCALAR = new Scalar();

  /** Free-form JSON: objects merge as maps of free-form values, lists are atomic. */
  FieldType DEDUCED = new Deduced();

  /** The type of a built-in kind's record, from its components and their {@code @PatchStrategy}. */
  static FieldType forClass(Class<?> record) {
    return BuiltinTypes.of(record);
  }

  /**
   * The type of a custom resource from its CRD's structural {@code openAPIV3Schema} ({@code
   * x-kubernetes-list-type}, {@code -list-map-keys}, {@code -map-type}, {@code
   * -preserve-unknown-fields}); {@code metadata} is ObjectMeta's type.
   */
  static FieldType forCustomResource(JsonNode openApiV3Schema) {
    return SchemaTypes.customResource(openApiV3Schema);
  }

  /** Whether values of this type are replaced whole. */
  default boolean atomic() {
    return this instanceof Scalar;
  }

  /** A value replaced whole. */
  record Scalar() implements FieldType {}

  /** Free-form JSON. */
  record Deduced() implements FieldType {}

  /** How the elements of a list are told apart. */
  enum ListKind {
    /** The list is one value, replaced whole. */
    ATOMIC,
    /** Scalar elements, each owned on its own, by value. */
    SET,
    /** Object elements identified by the values of key fields. */
    MAP
  }

  /**
   * A list.
   *
   * @param keys the key fields of a {@link ListKind#MAP} list
   */
  record ListType(FieldType element, ListKind kind, List<String> keys) implements FieldType {
    public ListType {
      keys = List.copyOf(keys);
    }

    @Override
    public boolean atomic() {
      return kind == ListKind.ATOMIC;
    }
  }

  /** A map from string keys to values of one type. */
  record MapType(FieldType values, boolean atomic) implements FieldType {}

  /**
   * An object with declared fields. Fields are resolved lazily (types may be recursive); a field
   * that is not declared is {@link #DEDUCED}.
   */
  final class Struct implements FieldType {
    private final boolean atomic;
    private final Function<String, FieldType> resolver;
    private final Map<String, FieldType> resolved = new ConcurrentHashMap<>();

    /**
     * A struct whose field types {@code resolver} gives ({@code null} for a field it does not
     * declare).
     */
    public Struct(boolean atomic, Function<String, FieldType> resolver) {
      this.atomic = atomic;
      this.resolver = resolver;
    }

    @Override
    public boolean atomic() {
      return atomic;
    }

    /** The declared type of {@code name}, or {@code null} if the struct does not declare it. */
    public FieldType declared(String name) {
      FieldType t = resolved.get(name);
      if (t == null) {
        t = resolver.apply(name);
        if (t == null) {
          return null;
        }
        resolved.put(name, t);
      }
      return t;
    }

    /** The type of {@code name}: declared, else {@link #DEDUCED}. */
    public FieldType field(String name) {
      FieldType t = declared(name);
      return t == null ? DEDUCED : t;
    }
  }
}
