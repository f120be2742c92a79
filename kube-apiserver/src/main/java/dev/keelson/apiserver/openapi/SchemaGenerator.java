package dev.keelson.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.IntOrString;
import dev.keelson.api.values.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * OpenAPI v3 schemas of the model's records, by reflection. A record becomes a named schema ({@link
 * SchemaNames#of}) of {@code type: object} whose properties are its components under their JSON
 * names, in component order; a component of record type is a {@code $ref} to that record's schema.
 * Scalars map as Kubernetes publishes them: {@code Integer} int32, {@code Long} int64, {@code
 * Double} double, {@code Instant}/{@code MicroTime} date-time strings, {@code Quantity} and {@code
 * IntOrString} as refs to their apimachinery schemas, {@code JsonNode} and anything not a record as
 * free-form ({@code x-kubernetes-preserve-unknown-fields}). {@link PatchStrategy} becomes {@code
 * x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key}; a merged list also gets
 * {@code x-kubernetes-list-type} ({@code map} with {@code x-kubernetes-list-map-keys}, or {@code
 * set}), the list types server-side apply merges by.
 *
 * <p>One generator collects the schemas of one document; not thread-safe.
 */
final class SchemaGenerator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SortedMap<String, ObjectNode> schemas = new TreeMap<>();

  /** The schemas defined so far, by name, sorted. */
  SortedMap<String, ObjectNode> schemas() {
    return schemas;
  }

  /** Adds (or replaces) a named schema. */
  void put(String name, ObjectNode schema) {
    schemas.put(name, schema);
  }

  /** Defines the schema of a record (and everything it references); returns its name. */
  String define(Class<?> record) {
    String name = SchemaNames.of(record);
    if (schemas.containsKey(name)) {
      return name;
    }
    ObjectNode schema = JSON.objectNode();
    schemas.put(name, schema); // before the components: records may be recursive
    schema.put("type", "object");
    boolean kind = KubernetesObject.class.isAssignableFrom(record);
    ObjectNode properties = JSON.objectNode();
    for (RecordComponent c : record.getRecordComponents()) {
      if (annotation(c, JsonIgnore.class) != null) {
        continue;
      }
      ObjectNode property = schemaOf(c.getGenericType());
      PatchStrategy patch = c.getAnnotation(PatchStrategy.class);
      if (patch == null) {
        patch = c.getAccessor().getAnnotation(PatchStrategy.class);
      }
      if (patch != null) {
        if (!patch.key().isEmpty()) {
          property.put("x-kubernetes-patch-merge-key", patch.key());
        }
        List<String> strategy = new ArrayList<>();
        if (patch.merge()) {
          strategy.add("merge");
        }
        if (patch.retainKeys()) {
          strategy.add("retainKeys");
        }
        if (patch.replace()) {
          strategy.add("replace");
        }
        if (!strategy.isEmpty()) {
          property.put("x-kubernetes-patch-strategy", String.join(",", strategy));
        }
        if (patch.merge() && property.path("type").asText().equals("array")) {
          // server-side apply's list types, as Kubernetes publishes them beside the patch tags
          if (patch.key().isEmpty()) {
            property.put("x-kubernetes-list-type", "set");
          } else {
            property.put("x-kubernetes-list-type", "map");
            property.putArray("x-kubernetes-list-map-keys").add(patch.key());
          }
        }
      }
      String json = jsonName(c);
      if (kind) {
        TopLevelFields.describe(json, property);
      }
      properties.set(json, property);
    }
    if (!properties.isEmpty()) {
      schema.set("properties", properties);
    }
    return name;
  }

  /** The inline schema (or {@code $ref}) for a Java type. */
  ObjectNode schemaOf(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
        return array(schemaOf(args[0]));
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        ObjectNode s = JSON.objectNode();
        s.put("type", "object");
        s.set("additionalProperties", schemaOf(args[1]));
        return s;
      }
      return schemaOf(raw);
    }
    if (type instanceof GenericArrayType a) {
      return array(schemaOf(a.getGenericComponentType()));
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
      return schemaOf(w.getUpperBounds()[0]);
    }
    if (!(type instanceof Class<?> c)) {
      return freeForm();
    }
    if (c == String.class || c == Character.class || c == char.class || c.isEnum()) {
      return scalar("string", null);
    }
    if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
      return scalar("integer", "int32");
    }
    if (c == Long.class || c == long.class) {
      return scalar("integer", "int64");
    }
    if (c == Double.class || c == double.class) {
      return scalar("number", "double");
    }
    if (c == Float.class || c == float.class) {
      return scalar("number", "float");
    }
    if (c == Boolean.class || c == boolean.class) {
      return scalar("boolean", null);
    }
    if (c == byte[].class) {
      return scalar("string", "byte");
    }
    if (c == Instant.class || c == MicroTime.class) {
      return scalar("string", "date-time");
    }
    if (c == Quantity.class) {
      return ref(defineQuantity());
    }
    if (c == IntOrString.class) {
      return ref(defineIntOrString());
    }
    if (c.isArray()) {
      return array(schemaOf(c.getComponentType()));
    }
    if (Collection.class.isAssignableFrom(c)) {
      return array(freeForm());
    }
    if (Map.class.isAssignableFrom(c)) {
      ObjectNode s = scalar("object", null);
      s.set("additionalProperties", freeForm());
      return s;
    }
    if (c.isRecord() && !serializesAsValue(c)) {
      return ref(define(c));
    }
    return freeForm(); // JsonNode, GenericObject, union types with custom serializers
  }

  /** {@code {"$ref": "#/components/schemas/<name>"}}. */
  static ObjectNode ref(String name) {
    ObjectNode s = JSON.objectNode();
    s.put("$ref", SchemaNames.ref(name));
    return s;
  }

  /** Any JSON value, kept as sent. */
  static ObjectNode freeForm() {
    ObjectNode s = JSON.objectNode();
    s.put("x-kubernetes-preserve-unknown-fields", true);
    return s;
  }

  static ObjectNode scalar(String type, String format) {
    ObjectNode s = JSON.objectNode();
    s.put("type", type);
    if (format != null) {
      s.put("format", format);
    }
    return s;
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode s = JSON.objectNode();
    s.put("type", "array");
    s.set("items", items);
    return s;
  }

  /** Quantity: a string such as {@code 500m} or {@code 1Gi}, numbers accepted (as Kubernetes). */
  private String defineQuantity() {
    schemas.computeIfAbsent(
        SchemaNames.QUANTITY,
        n -> {
          ObjectNode s = JSON.objectNode();
          s.put(
              "description",
              "A fixed-point representation of a number, such as 500m, 1Gi or 2.5; serialized as"
                  + " a string.");
          s.putArray("oneOf").add(scalar("string", null)).add(scalar("number", null));
          return s;
        });
    return SchemaNames.QUANTITY;
  }

  /** IntOrString: an integer or a string ({@code 8080}, {@code http}, {@code 25%}). */
  private String defineIntOrString() {
    schemas.computeIfAbsent(
        SchemaNames.INT_OR_STRING,
        n -> {
          ObjectNode s = JSON.objectNode();
          s.put("description", "An integer or a string, such as 8080, \"http\" or \"25%\".");
          s.put("format", "int-or-string");
          s.put("x-kubernetes-int-or-string", true);
          s.putArray("anyOf").add(scalar("integer", null)).add(scalar("string", null));
          return s;
        });
    return SchemaNames.INT_OR_STRING;
  }

  private static String jsonName(RecordComponent c) {
    JsonProperty p = annotation(c, JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }

  private static <A extends java.lang.annotation.Annotation> A annotation(
      RecordComponent c, Class<A> type) {
    A a = c.getAccessor().getAnnotation(type);
    if (a != null) {
      return a;
    }
    try {
      Field f = c.getDeclaringRecord().getDeclaredField(c.getName());
      return f.getAnnotation(type);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static boolean serializesAsValue(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return true;
      }
    }
    return false;
  }
}
