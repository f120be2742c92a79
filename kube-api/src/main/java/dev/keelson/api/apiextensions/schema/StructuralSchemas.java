package dev.keelson.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.validation.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whether an {@code openAPIV3Schema} is structural and well-formed, with kube-apiserver's errors: a
 * {@code type} on every specified field and array item (unless {@code x-kubernetes-int-or-string}
 * or {@code x-kubernetes-preserve-unknown-fields}), {@code object} at the root, {@code items} for
 * arrays, no {@code additionalProperties} beside {@code properties} or at the root, nothing but
 * value validation inside {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}, {@code metadata}
 * restricted to {@code name} and {@code generateName}, and consistent {@code x-kubernetes-*}
 * extensions.
 */
public final class StructuralSchemas {
  private static final Set<String> LIST_TYPES = Set.of("atomic", "set", "map");
  private static final Set<String> MAP_TYPES = Set.of("granular", "atomic");
  private static final Set<String> TYPES =
      Set.of("object", "array", "string", "integer", "number", "boolean");

  private enum Level {
    ROOT,
    ITEM,
    FIELD
  }

  private StructuralSchemas() {}

  /**
   * The errors of {@code schema} at {@code path} (for example {@code
   * spec.versions[0].schema.openAPIV3Schema}), sorted as kube-apiserver sorts them; empty if it is
   * a valid structural schema.
   */
  public static List<FieldError> validate(JsonNode schema, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (schema == null || !schema.isObject()) {
      errors.add(FieldError.required(path, "schemas are required"));
      return errors;
    }
    walk(schema, Level.ROOT, path, errors);
    errors.sort(Comparator.comparing(FieldError::toString));
    return errors;
  }

  private static void walk(JsonNode s, Level level, String path, List<FieldError> e) {
    String type = s.path("type").asText("");
    boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
    JsonNode props = s.get("properties");
    JsonNode items = s.get("items");
    JsonNode additional = s.get("additionalProperties");

    if (!type.isEmpty() && !TYPES.contains(type)) {
      e.add(
          FieldError.notSupported(
              path + ".type",
              type,
              List.of("array", "boolean", "integer", "number", "object", "string")));
    }
    if (s.has("$ref")) {
      e.add(FieldError.forbidden(path + ".$ref", "$ref is not supported"));
    }
    if (type.equals("array") && (items == null || items.isNull())) {
      e.add(FieldError.required(path + ".items", "must be specified"));
    }
    if (items != null && items.isArray()) {
      e.add(
          FieldError.forbidden(path + ".items", "items must be a schema object and not an array"));
    } else if (items != null && items.isObject()) {
      walk(items, Level.ITEM, path + ".items", e);
    }
    if (props != null && props.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        walk(p.getValue(), Level.FIELD, path + ".properties[" + p.getKey() + "]", e);
      }
    }
    if (additional != null && !additional.isNull()) {
      if (level == Level.ROOT) {
        e.add(FieldError.forbidden(path + ".additionalProperties", "must not be used at the root"));
      }
      if (props != null && props.isObject() && !props.isEmpty()) {
        e.add(
            FieldError.forbidden(
                path + ".additionalProperties",
                "additionalProperties and properties are mutual exclusive"));
      }
      if (embedded) {
        e.add(
            FieldError.forbidden(
                path + ".additionalProperties",
                "must not be used if x-kubernetes-embedded-resource is set"));
      }
      if (additional.isObject()) {
        walk(additional, Level.FIELD, path + ".additionalProperties", e);
      }
    }
    if (intOrString && preserve) {
      e.add(
          FieldError.invalid(
              path + ".x-kubernetes-preserve-unknown-fields",
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (intOrString && embedded) {
      e.add(
          FieldError.invalid(
              path + ".x-kubernetes-embedded-resource",
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (embedded && !type.equals("object")) {
      if (type.isEmpty()) {
        e.add(
            FieldError.required(
                path + ".type", "must be object if x-kubernetes-embedded-resource is true"));
      } else {
        e.add(
            FieldError.invalid(
                path + ".type", type, "must be object if x-kubernetes-embedded-resource is true"));
      }
    } else if (type.isEmpty() && !intOrString && !preserve) {
      String detail =
          switch (level) {
            case ROOT -> "must not be empty at the root";
            case ITEM -> "must not be empty for specified array items";
            case FIELD -> "must not be empty for specified object fields";
          };
      e.add(FieldError.required(path + ".type", detail));
    }
    if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
      e.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
    }
    if (embedded && !preserve && (props == null || props.isEmpty())) {
      e.add(
          FieldError.required(
              path + ".properties",
              "must not be empty if x-kubernetes-embedded-resource is true without"
                  + " x-kubernetes-preserve-unknown-fields"));
    }
    boolean checkMetadata = level == Level.ROOT || embedded;
    if (props != null && checkMetadata) {
      for (String f : List.of("kind", "apiVersion")) {
        JsonNode p = props.get(f);
        if (p != null && !p.path("type").asText("").equals("string")) {
          e.add(
              FieldError.invalid(
                  path + ".properties[" + f + "].type",
                  p.path("type").asText(""),
                  "must be string"));
        }
      }
    }
    JsonNode metadata = props == null ? null : props.get("metadata");
    if (metadata != null) {
      String mpath = path + ".properties[metadata]";
      if (checkMetadata && !metadata.path("type").asText("").equals("object")) {
        e.add(
            FieldError.invalid(
                mpath + ".type", metadata.path("type").asText(""), "must be object"));
      }
      if (level == Level.ROOT) {
        for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          boolean allowed =
              f.equals("type")
                  || f.equals("default")
                  || (f.equals("properties") && onlyNames(metadata.get("properties")));
          if (!allowed) {
            e.add(
                FieldError.forbidden(
                    mpath,
                    "must not specify anything other than name and generateName, but metadata is"
                        + " implicitly specified"));
            break;
          }
        }
      }
    }
    checkExtensions(s, type, path, e);
    JsonNode pattern = s.get("pattern");
    if (pattern != null && pattern.isTextual()) {
      try {
        Pattern.compile(pattern.asText());
      } catch (PatternSyntaxException ex) {
        e.add(
            FieldError.invalid(
                path + ".pattern",
                pattern.asText(),
                "must be a valid regular expression, but isn't: " + ex.getDescription()));
      }
    }
    for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode list = s.get(junctor);
      if (list != null && list.isArray()) {
        boolean intOrStringPattern = junctor.equals("anyOf") && isIntOrStringAnyOf(list);
        for (int i = 0; i < list.size(); i++) {
          if (intOrStringPattern) {
            continue;
          }
          nested(list.get(i), path + "." + junctor + "[" + i + "]", e);
        }
      }
    }
    if (s.get("not") != null && s.get("not").isObject()) {
      nested(s.get("not"), path + ".not", e);
    }
  }

  private static boolean onlyNames(JsonNode props) {
    if (props == null || !props.isObject()) {
      return false;
    }
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("name") && !f.equals("generateName")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIntOrStringAnyOf(JsonNode list) {
    return list.size() == 2
        && list.get(0).size() == 1
        && list.get(0).path("type").asText("").equals("integer")
        && list.get(1).size() == 1
        && list.get(1).path("type").asText("").equals("string");
  }

  private static void checkExtensions(JsonNode s, String type, String path, List<FieldError> e) {
    JsonNode listType = s.get("x-kubernetes-list-type");
    JsonNode keys = s.get("x-kubernetes-list-map-keys");
    if (listType != null && !listType.isNull()) {
      String lt = listType.asText();
      if (!LIST_TYPES.contains(lt)) {
        e.add(
            FieldError.notSupported(
                path + ".x-kubernetes-list-type", lt, List.of("atomic", "set", "map")));
      } else if (!type.equals("array")) {
        e.add(
            FieldError.invalid(
                path + ".type", type, "must be array if x-kubernetes-list-type is specified"));
      } else if (lt.equals("map")) {
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
          e.add(
              FieldError.required(
                  path + ".x-kubernetes-list-map-keys",
                  "must not be empty if x-kubernetes-list-type is map"));
        } else {
          JsonNode itemProps = s.path("items").path("properties");
          for (JsonNode k : keys) {
            JsonNode kp = itemProps.get(k.asText());
            if (kp == null) {
              e.add(
                  FieldError.invalid(
                      path + ".x-kubernetes-list-map-keys",
                      k.asText(),
                      "entries must all be names of item properties"));
            }
          }
        }
        if (!s.path("items").path("type").asText("").equals("object")) {
          e.add(
              FieldError.invalid(
                  path + ".items.type",
                  s.path("items").path("type").asText(""),
                  "must be object when x-kubernetes-list-type is map"));
        }
      } else if (lt.equals("set")) {
        String it = s.path("items").path("type").asText("");
        if (it.equals("object") || it.equals("array")) {
          e.add(
              FieldError.invalid(
                  path + ".items.type",
                  it,
                  "must be a scalar type if parent array's x-kubernetes-list-type is set"));
        }
      }
    }
    if (keys != null
        && keys.isArray()
        && !keys.isEmpty()
        && (listType == null || !listType.asText().equals("map"))) {
      e.add(
          FieldError.invalid(
              path + ".x-kubernetes-list-type",
              listType == null ? "" : listType.asText(),
              "must be map if x-kubernetes-list-map-keys is non-empty"));
    }
    JsonNode mapType = s.get("x-kubernetes-map-type");
    if (mapType != null && !mapType.isNull()) {
      if (!MAP_TYPES.contains(mapType.asText())) {
        e.add(
            FieldError.notSupported(
                path + ".x-kubernetes-map-type", mapType.asText(), List.of("granular", "atomic")));
      } else if (!type.equals("object")) {
        e.add(
            FieldError.invalid(
                path + ".type", type, "must be object if x-kubernetes-map-type is specified"));
      }
    }
  }

  /** Inside allOf/anyOf/oneOf/not: value validation only. */
  private static void nested(JsonNode s, String path, List<FieldError> e) {
    if (!s.isObject()) {
      return;
    }
    if (s.has("type")) {
      e.add(FieldError.forbidden(path + ".type", "must be empty to be structural"));
    }
    if (s.has("additionalProperties")) {
      e.add(
          FieldError.forbidden(
              path + ".additionalProperties", "must be undefined to be structural"));
    }
    if (s.has("default")) {
      e.add(FieldError.forbidden(path + ".default", "must be undefined to be structural"));
    }
    for (String f : List.of("title", "description")) {
      if (!s.path(f).asText("").isEmpty()) {
        e.add(FieldError.forbidden(path + "." + f, "must be empty to be structural"));
      }
    }
    if (s.path("nullable").asBoolean(false)) {
      e.add(FieldError.forbidden(path + ".nullable", "must be false to be structural"));
    }
    for (String f :
        List.of(
            "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string")) {
      if (s.path(f).asBoolean(false)) {
        e.add(FieldError.forbidden(path + "." + f, "must be false to be structural"));
      }
    }
    if (s.has("x-kubernetes-list-type")) {
      e.add(
          FieldError.forbidden(
              path + ".x-kubernetes-list-type", "must be undefined to be structural"));
    }
    if (s.has("x-kubernetes-map-type")) {
      e.add(
          FieldError.forbidden(
              path + ".x-kubernetes-map-type", "must be undefined to be structural"));
    }
    JsonNode props = s.get("properties");
    if (props != null && props.isObject()) {
      if (props.has("metadata")) {
        e.add(
            FieldError.forbidden(
                path + ".properties[metadata]", "must not be specified in a nested context"));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        nested(p.getValue(), path + ".properties[" + p.getKey() + "]", e);
      }
    }
    if (s.get("items") != null) {
      nested(s.get("items"), path + ".items", e);
    }
    for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode list = s.get(junctor);
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          nested(list.get(i), path + "." + junctor + "[" + i + "]", e);
        }
      }
    }
    if (s.get("not") != null) {
      nested(s.get("not"), path + ".not", e);
    }
  }
}
