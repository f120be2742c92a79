package dev.keelson.api.apply.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/** Field types from a CRD's structural OpenAPI v3 schema. */
public final class SchemaTypes {
  private SchemaTypes() {}

  /** The type of a custom resource: the schema's root, with ObjectMeta's type for metadata. */
  public static FieldType customResource(JsonNode root) {
    FieldType metadata = BuiltinTypes.of(ObjectMeta.class);
    FieldType schema = root == null ? FieldType.DEDUCED : of(root);
    return new FieldType.Struct(
        false,
        name ->
            switch (name) {
              case "metadata" -> metadata;
              case "apiVersion", "kind" -> FieldType.SCALAR;
              default ->
                  schema instanceof FieldType.Struct s
                      ? s.field(name)
                      : schema instanceof FieldType.MapType m ? m.values() : FieldType.DEDUCED;
            });
  }

  /** The type one schema node describes. */
  public static FieldType of(JsonNode s) {
    if (s == null || !s.isObject()) {
      return FieldType.DEDUCED;
    }
    if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return FieldType.SCALAR;
    }
    String type = s.path("type").asText("");
    JsonNode props = s.get("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (type.equals("array")) {
      String listType = s.path("x-kubernetes-list-type").asText("atomic");
      FieldType element = of(s.get("items"));
      return switch (listType) {
        case "set" -> new FieldType.ListType(element, FieldType.ListKind.SET, List.of());
        case "map" -> {
          List<String> keys = new ArrayList<>();
          s.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
          yield new FieldType.ListType(element, FieldType.ListKind.MAP, keys);
        }
        default -> new FieldType.ListType(element, FieldType.ListKind.ATOMIC, List.of());
      };
    }
    boolean objectLike =
        type.equals("object")
            || props != null
            || additional != null
            || (type.isEmpty() && preserve);
    if (!objectLike) {
      return FieldType.SCALAR;
    }
    boolean atomic = s.path("x-kubernetes-map-type").asText("").equals("atomic");
    if (props != null && props.isObject() && !props.isEmpty()) {
      FieldType rest =
          additional != null && additional.isObject() ? of(additional) : FieldType.DEDUCED;
      return new FieldType.Struct(
          atomic,
          name -> props.has(name) ? of(props.get(name)) : rest == FieldType.DEDUCED ? null : rest);
    }
    if (additional != null && additional.isObject()) {
      return new FieldType.MapType(of(additional), atomic);
    }
    return atomic ? FieldType.SCALAR : FieldType.DEDUCED;
  }
}
