package dev.keelson.api.apply.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.patch.PatchStrategy;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field types of the built-in kinds' records. A list with {@code @PatchStrategy(merge = true, key =
 * k)} is a map keyed by {@code k}; with {@code merge = true} and no key, a set; otherwise atomic
 * (as Kubernetes' OpenAPI conversion reads the patch strategy when no list type is given). {@code
 * replace = true} and {@code metav1.LabelSelector} ({@code +structType=atomic}) are atomic structs.
 */
public final class BuiltinTypes {
  private static final Map<Class<?>, FieldType> CACHE = new ConcurrentHashMap<>();

  /** Records Kubernetes marks {@code +structType=atomic}. */
  private static final Set<Class<?>> ATOMIC_STRUCTS = Set.of(LabelSelector.class);

  private BuiltinTypes() {}

  /** The type of a record class (cached). */
  public static FieldType of(Class<?> record) {
    return ofType(record);
  }

  static FieldType ofType(Type type) {
    if (type instanceof Class<?> c) {
      if (JsonNode.class.isAssignableFrom(c)) {
        return FieldType.DEDUCED;
      }
      if (Collection.class.isAssignableFrom(c) || c.isArray()) {
        return new FieldType.ListType(FieldType.DEDUCED, FieldType.ListKind.ATOMIC, List.of());
      }
      if (Map.class.isAssignableFrom(c)) {
        return new FieldType.MapType(FieldType.DEDUCED, false);
      }
      if (c.isRecord() && !serializesAsValue(c)) {
        FieldType cached = CACHE.get(c);
        if (cached == null) {
          cached = struct(c);
          CACHE.putIfAbsent(c, cached);
        }
        return cached;
      }
      return FieldType.SCALAR;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return new FieldType.ListType(ofType(args[0]), FieldType.ListKind.ATOMIC, List.of());
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return new FieldType.MapType(ofType(args[1]), false);
      }
      return ofType(raw);
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return ofType(w.getUpperBounds()[0]);
    }
    return FieldType.DEDUCED;
  }

  private static FieldType struct(Class<?> c) {
    Map<String, RecordComponent> byName = new ConcurrentHashMap<>();
    for (RecordComponent rc : c.getRecordComponents()) {
      byName.put(jsonName(c, rc), rc);
    }
    return new FieldType.Struct(
        ATOMIC_STRUCTS.contains(c),
        name -> {
          RecordComponent rc = byName.get(name);
          return rc == null ? null : component(rc);
        });
  }

  private static FieldType component(RecordComponent rc) {
    FieldType t = ofType(rc.getGenericType());
    PatchStrategy s = rc.getAnnotation(PatchStrategy.class);
    if (s == null) {
      s = rc.getAccessor().getAnnotation(PatchStrategy.class);
    }
    if (s == null) {
      return t;
    }
    if (t instanceof FieldType.ListType l && s.merge()) {
      return s.key().isEmpty()
          ? new FieldType.ListType(l.element(), FieldType.ListKind.SET, List.of())
          : new FieldType.ListType(l.element(), FieldType.ListKind.MAP, List.of(s.key()));
    }
    if (t instanceof FieldType.Struct && s.replace()) {
      return new FieldType.Struct(true, ((FieldType.Struct) t)::declared);
    }
    return t;
  }

  private static boolean serializesAsValue(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return true;
      }
    }
    return false;
  }

  private static String jsonName(Class<?> type, RecordComponent c) {
    JsonProperty p = c.getAnnotation(JsonProperty.class);
    if (p == null) {
      try {
        p = type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        p = null;
      }
    }
    if (p == null) {
      p = c.getAccessor().getAnnotation(JsonProperty.class);
    }
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }
}
