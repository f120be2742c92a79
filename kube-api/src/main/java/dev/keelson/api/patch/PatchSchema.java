package dev.keelson.api.patch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a strategic merge patch needs to know about a type, derived by reflection from the model's
 * records and their {@link PatchStrategy} annotations: which JSON fields a record has, which lists
 * merge (by which key), which objects honour {@code $retainKeys}, and what the elements of lists
 * and values of maps are. Record schemas are cached per class; nested types resolve lazily, so
 * recursive types (a schema property that holds schema properties) are fine.
 */
sealed interface PatchSchema {

  /** Anything without structure the patch cares about: scalars, JsonNode, IntOrString, ... */
  PatchSchema OPAQUE = new Opaque();

  /** The field {@code name} of an object of this schema. */
  PatchField field(String name);

  /**
   * Whether a key starting with {@code $} that is not a directive is data here (a member of a map
   * or free-form object, or a record field so named, such as {@code $ref}).
   */
  boolean allowsDollarKey(String name);

  /**
   * The schema for a Java type: a record, a {@code List<T>}, a {@code Map<String, T>}, else opaque.
   */
  static PatchSchema of(Type type) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return new ListOf(of(c.getComponentType()));
      }
      if (Collection.class.isAssignableFrom(c)) {
        return new ListOf(OPAQUE);
      }
      if (Map.class.isAssignableFrom(c)) {
        return new MapOf(OPAQUE);
      }
      if (c.isRecord() && !serializesAsValue(c)) {
        return RecordSchema.CACHE.computeIfAbsent(c, RecordSchema::new);
      }
      return OPAQUE;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return new ListOf(of(args[0]));
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return new MapOf(of(args[1]));
      }
      return of(raw);
    }
    if (type instanceof GenericArrayType a) {
      return new ListOf(of(a.getGenericComponentType()));
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return of(w.getUpperBounds()[0]);
    }
    return OPAQUE; // type variables
  }

  /** Records such as MicroTime that Jackson writes as a single value, not as an object. */
  private static boolean serializesAsValue(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return true;
      }
    }
    return false;
  }

  /** How one field is patched. */
  record PatchField(
      String name,
      boolean merge,
      String mergeKey,
      boolean retainKeys,
      boolean replace,
      Type javaType,
      PatchSchema known) {
    static PatchField opaque(String name) {
      return of(name, OPAQUE);
    }

    static PatchField of(String name, PatchSchema schema) {
      return new PatchField(name, false, "", false, false, null, schema);
    }

    PatchSchema schema() {
      return known != null ? known : PatchSchema.of(javaType);
    }

    /** The schema of the elements, when this field is a list. */
    PatchSchema elementSchema() {
      return schema() instanceof ListOf l ? l.element() : OPAQUE;
    }
  }

  /** Scalars and free-form JSON. */
  record Opaque() implements PatchSchema {
    @Override
    public PatchField field(String name) {
      return PatchField.opaque(name);
    }

    @Override
    public boolean allowsDollarKey(String name) {
      return true;
    }
  }

  /** A list whose elements have the given schema. */
  record ListOf(PatchSchema element) implements PatchSchema {
    @Override
    public PatchField field(String name) {
      return PatchField.opaque(name);
    }

    @Override
    public boolean allowsDollarKey(String name) {
      return true;
    }
  }

  /** A map with string keys whose values have the given schema. */
  record MapOf(PatchSchema values) implements PatchSchema {
    @Override
    public PatchField field(String name) {
      return PatchField.of(name, values);
    }

    @Override
    public boolean allowsDollarKey(String name) {
      return true;
    }
  }

  /** A record: its components by JSON name. */
  final class RecordSchema implements PatchSchema {
    static final Map<Class<?>, RecordSchema> CACHE = new ConcurrentHashMap<>();

    private final Class<?> type;
    private final Map<String, PatchField> fields;

    RecordSchema(Class<?> type) {
      this.type = type;
      Map<String, PatchField> byName = new LinkedHashMap<>();
      for (RecordComponent c : type.getRecordComponents()) {
        String name = jsonName(type, c);
        PatchStrategy s = c.getAnnotation(PatchStrategy.class);
        byName.put(
            name,
            s == null
                ? new PatchField(name, false, "", false, false, c.getGenericType(), null)
                : new PatchField(
                    name,
                    s.merge(),
                    s.key(),
                    s.retainKeys(),
                    s.replace(),
                    c.getGenericType(),
                    null));
      }
      this.fields = Collections.unmodifiableMap(byName);
    }

    private static String jsonName(Class<?> type, RecordComponent c) {
      JsonProperty p = c.getAnnotation(JsonProperty.class);
      if (p == null) {
        try {
          Field f = type.getDeclaredField(c.getName());
          p = f.getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
          p = null;
        }
      }
      if (p == null) {
        p = c.getAccessor().getAnnotation(JsonProperty.class);
      }
      return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }

    Class<?> type() {
      return type;
    }

    boolean has(String name) {
      return fields.containsKey(name);
    }

    @Override
    public PatchField field(String name) {
      PatchField f = fields.get(name);
      return f != null ? f : PatchField.opaque(name);
    }

    @Override
    public boolean allowsDollarKey(String name) {
      return fields.containsKey(name);
    }
  }
}
