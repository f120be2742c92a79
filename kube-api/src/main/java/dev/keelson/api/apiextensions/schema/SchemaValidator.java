package dev.keelson.api.apiextensions.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.validation.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a custom resource against its version's {@code openAPIV3Schema}, with kube-apiserver's
 * error paths and texts: {@code spec.replicas: Invalid value: 11: spec.replicas in body should be
 * less than or equal to 10}, {@code spec.name: Required value}, {@code spec.mode: Unsupported
 * value: "x": supported values: "a", "b"}.
 *
 * <p>Covers {@code type}, {@code nullable}, {@code required}, {@code enum}, {@code pattern}, {@code
 * minimum}/{@code maximum} (and their exclusive forms), {@code multipleOf}, {@code
 * minLength}/{@code maxLength}, {@code minItems}/{@code maxItems}, {@code uniqueItems}, {@code
 * minProperties}/{@code maxProperties}, the formats {@code int32}, {@code int64}, {@code date},
 * {@code date-time}, {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}, and the extensions
 * {@code x-kubernetes-int-or-string}, {@code x-kubernetes-embedded-resource} and {@code
 * x-kubernetes-list-type} ({@code set} and {@code map} lists refuse duplicates). The root's {@code
 * apiVersion}, {@code kind} and {@code metadata} are left to the object-metadata rules.
 */
public final class SchemaValidator {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_PATTERNS = 4096;

  private SchemaValidator() {}

  /** The errors of {@code object} (a whole custom resource); empty if it is valid. */
  public static List<FieldError> validate(JsonNode schema, JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    if (schema != null && schema.isObject() && object != null) {
      validate(schema, object, "", true, errors);
    }
    return errors;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** kube-openapi names the root {@code <root>} in texts ("in body"). */
  private static String shown(String path) {
    return path.isEmpty() ? "<root>" : path;
  }

  private static void validate(
      JsonNode schema, JsonNode value, String path, boolean root, List<FieldError> errors) {
    if (value.isNull()) {
      if (schema.path("nullable").asBoolean(false)) {
        return;
      }
      String type = schema.path("type").asText("");
      if (!type.isEmpty()) {
        errors.add(typeError(path, type, "null"));
        return;
      }
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isIntegralNumber() && !value.isTextual() && !value.isNull()) {
        errors.add(typeError(path, "integer,string", typeName(value)));
        return;
      }
    } else {
      String type = schema.path("type").asText("");
      if (!type.isEmpty() && !value.isNull() && !hasType(value, type)) {
        errors.add(typeError(path, type, typeName(value)));
        return;
      }
    }
    int before = errors.size();
    checkEnum(schema, value, path, errors);
    if (value.isTextual()) {
      checkString(schema, value.asText(), path, errors);
    } else if (value.isNumber()) {
      checkNumber(schema, value, path, errors);
    } else if (value.isArray()) {
      checkArray(schema, value, path, errors);
    } else if (value.isObject()) {
      checkObject(schema, value, path, root, errors);
    }
    checkJunctors(schema, value, path, errors, before);
  }

  private static void checkEnum(JsonNode schema, JsonNode value, String path, List<FieldError> e) {
    JsonNode en = schema.get("enum");
    if (en == null || !en.isArray() || en.isEmpty()) {
      return;
    }
    for (JsonNode allowed : en) {
      if (equalValues(allowed, value)) {
        return;
      }
    }
    List<String> supported = new ArrayList<>();
    for (JsonNode allowed : en) {
      supported.add(allowed.isTextual() ? allowed.asText() : allowed.toString());
    }
    e.add(FieldError.notSupported(path, plain(value), supported));
  }

  private static void checkString(JsonNode schema, String s, String path, List<FieldError> e) {
    int length = s.codePointCount(0, s.length());
    JsonNode max = schema.get("maxLength");
    if (max != null && max.isNumber() && length > max.asLong()) {
      e.add(FieldError.tooLong(path, s, (int) Math.min(Integer.MAX_VALUE, max.asLong())));
    }
    JsonNode min = schema.get("minLength");
    if (min != null && min.isNumber() && length < min.asLong()) {
      e.add(
          FieldError.invalid(
              path,
              s,
              shown(path) + " in body should be at least " + min.asLong() + " chars long"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && pattern.isTextual()) {
      Pattern p = compile(pattern.asText());
      if (p != null && !p.matcher(s).find()) {
        e.add(
            FieldError.invalid(
                path, s, shown(path) + " in body should match '" + pattern.asText() + "'"));
      }
    }
    String format = schema.path("format").asText("");
    if (!format.isEmpty() && !validFormat(format, s)) {
      e.add(
          FieldError.invalid(
              path, s, shown(path) + " in body must be of type " + format + ": \"" + s + "\""));
    }
  }

  private static boolean validFormat(String format, String s) {
    try {
      switch (format) {
        case "date-time", "datetime" -> OffsetDateTime.parse(s);
        case "date" -> LocalDate.parse(s);
        case "int32" -> Integer.parseInt(s);
        case "int64" -> Long.parseLong(s);
        default -> {
          return true;
        }
      }
      return true;
    } catch (DateTimeParseException | NumberFormatException ex) {
      return false;
    }
  }

  private static void checkNumber(JsonNode schema, JsonNode n, String path, List<FieldError> e) {
    BigDecimal v = n.decimalValue();
    Object shownValue = n.numberValue();
    JsonNode max = schema.get("maximum");
    if (max != null && max.isNumber()) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int c = v.compareTo(max.decimalValue());
      if (exclusive ? c >= 0 : c > 0) {
        e.add(
            FieldError.invalid(
                path,
                shownValue,
                shown(path)
                    + " in body should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + goNumber(max)));
      }
    }
    JsonNode min = schema.get("minimum");
    if (min != null && min.isNumber()) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int c = v.compareTo(min.decimalValue());
      if (exclusive ? c <= 0 : c < 0) {
        e.add(
            FieldError.invalid(
                path,
                shownValue,
                shown(path)
                    + " in body should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + goNumber(min)));
      }
    }
    JsonNode multiple = schema.get("multipleOf");
    if (multiple != null && multiple.isNumber() && multiple.decimalValue().signum() > 0) {
      if (v.remainder(multiple.decimalValue()).signum() != 0) {
        e.add(
            FieldError.invalid(
                path,
                shownValue,
                shown(path) + " in body should be a multiple of " + goNumber(multiple)));
      }
    }
    String format = schema.path("format").asText("");
    if (n.isIntegralNumber()) {
      if (format.equals("int32") && !n.canConvertToInt()) {
        e.add(
            FieldError.invalid(
                path, shownValue, shown(path) + " in body must be of type int32: \"" + v + "\""));
      } else if (format.equals("int64") && !n.canConvertToLong()) {
        e.add(
            FieldError.invalid(
                path, shownValue, shown(path) + " in body must be of type int64: \"" + v + "\""));
      }
    }
  }

  private static void checkArray(JsonNode schema, JsonNode a, String path, List<FieldError> e) {
    JsonNode max = schema.get("maxItems");
    if (max != null && max.isNumber() && a.size() > max.asLong()) {
      e.add(FieldError.tooMany(path, a.size(), (int) Math.min(Integer.MAX_VALUE, max.asLong())));
    }
    JsonNode min = schema.get("minItems");
    if (min != null && min.isNumber() && a.size() < min.asLong()) {
      e.add(
          FieldError.invalid(
              path,
              a.size(),
              shown(path) + " in body should have at least " + min.asLong() + " items"));
    }
    String listType = schema.path("x-kubernetes-list-type").asText("");
    if (schema.path("uniqueItems").asBoolean(false) || listType.equals("set")) {
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < a.size(); i++) {
        JsonNode element = normalized(a.get(i));
        if (!seen.add(element)) {
          e.add(FieldError.duplicate(path + "[" + i + "]", plain(a.get(i))));
        }
      }
    } else if (listType.equals("map")) {
      List<String> keys = new ArrayList<>();
      schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      Map<List<JsonNode>, Integer> seen = new HashMap<>();
      for (int i = 0; i < a.size(); i++) {
        JsonNode element = a.get(i);
        if (!element.isObject()) {
          continue;
        }
        List<JsonNode> key = new ArrayList<>();
        Map<String, Object> shownKey = new LinkedHashMap<>();
        for (String k : keys) {
          JsonNode kv = element.get(k);
          if (kv == null) {
            kv = schema.path("items").path("properties").path(k).get("default");
          }
          key.add(kv == null ? null : normalized(kv));
          if (kv != null) {
            shownKey.put(k, plain(kv));
          }
        }
        if (seen.putIfAbsent(key, i) != null) {
          e.add(FieldError.duplicate(path + "[" + i + "]", shownKey));
        }
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      for (int i = 0; i < a.size(); i++) {
        validate(items, a.get(i), path + "[" + i + "]", false, e);
      }
    }
  }

  private static void checkObject(
      JsonNode schema, JsonNode o, String path, boolean root, List<FieldError> e) {
    boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    if (embedded) {
      for (String f : List.of("apiVersion", "kind")) {
        if (!o.hasNonNull(f) || o.get(f).asText("").isEmpty()) {
          e.add(FieldError.required(child(path, f), "must not be empty"));
        }
      }
    }
    for (JsonNode r : schema.path("required")) {
      String name = r.asText();
      if (root && (name.equals("metadata") || name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      if (!o.has(name)) {
        e.add(FieldError.required(child(path, name), ""));
      }
    }
    JsonNode maxP = schema.get("maxProperties");
    if (maxP != null && maxP.isNumber() && o.size() > maxP.asLong()) {
      e.add(FieldError.tooMany(path, o.size(), (int) Math.min(Integer.MAX_VALUE, maxP.asLong())));
    }
    JsonNode minP = schema.get("minProperties");
    if (minP != null && minP.isNumber() && o.size() < minP.asLong()) {
      e.add(
          FieldError.invalid(
              path,
              o.size(),
              shown(path) + " in body should have at least " + minP.asLong() + " properties"));
    }
    JsonNode props = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      if ((root || embedded) && name.equals("metadata")) {
        continue;
      }
      JsonNode prop = props == null ? null : props.get(name);
      if (prop != null && prop.isObject()) {
        validate(prop, f.getValue(), child(path, name), false, e);
      } else if (additional != null && additional.isObject()) {
        validate(additional, f.getValue(), child(path, name), false, e);
      }
    }
  }

  private static void checkJunctors(
      JsonNode schema, JsonNode value, String path, List<FieldError> e, int before) {
    for (JsonNode sub : schema.path("allOf")) {
      List<FieldError> inner = new ArrayList<>();
      validate(sub, value, path, false, inner);
      for (FieldError f : inner) {
        if (!e.subList(before, e.size()).contains(f)) {
          e.add(f);
        }
      }
    }
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null && anyOf.isArray() && !anyOf.isEmpty()) {
      boolean any = false;
      for (JsonNode sub : anyOf) {
        List<FieldError> inner = new ArrayList<>();
        validate(sub, value, path, false, inner);
        any |= inner.isEmpty();
      }
      if (!any) {
        e.add(
            FieldError.invalid(
                path,
                plain(value),
                shown(path) + " in body must validate at least one schema (anyOf)"));
      }
    }
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null && oneOf.isArray() && !oneOf.isEmpty()) {
      int passed = 0;
      for (JsonNode sub : oneOf) {
        List<FieldError> inner = new ArrayList<>();
        validate(sub, value, path, false, inner);
        passed += inner.isEmpty() ? 1 : 0;
      }
      if (passed != 1) {
        e.add(
            FieldError.invalid(
                path,
                plain(value),
                shown(path) + " in body must validate one and only one schema (oneOf)"));
      }
    }
    JsonNode not = schema.get("not");
    if (not != null && not.isObject()) {
      List<FieldError> inner = new ArrayList<>();
      validate(not, value, path, false, inner);
      if (inner.isEmpty()) {
        e.add(
            FieldError.invalid(
                path, plain(value), shown(path) + " in body should not validate the schema (not)"));
      }
    }
  }

  private static FieldError typeError(String path, String type, String actual) {
    return new FieldError(
        FieldError.Type.TYPE_INVALID,
        path,
        actual,
        shown(path) + " in body must be of type " + type + ": \"" + actual + "\"");
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "integer" -> v.isIntegralNumber() || (v.isNumber() && isWhole(v));
      case "number" -> v.isNumber();
      default -> true;
    };
  }

  private static boolean isWhole(JsonNode v) {
    try {
      return v.decimalValue().stripTrailingZeros().scale() <= 0;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** The JSON type of a value as kube-openapi names it. */
  static String typeName(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isObject()) {
      return "object";
    }
    return "null";
  }

  /** A number as Go's {@code %v} prints a float64: {@code 10}, {@code 1.5}. */
  static String goNumber(JsonNode n) {
    BigDecimal d = n.decimalValue().stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  private static boolean equalValues(JsonNode a, JsonNode b) {
    return normalized(a).equals(normalized(b));
  }

  /** Numbers compared by value (1 equals 1.0), as JSON values are. */
  private static JsonNode normalized(JsonNode n) {
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue().stripTrailingZeros();
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(
          d.scale() < 0 ? d.setScale(0) : d);
    }
    if (n.isContainerNode()) {
      JsonNode copy = n.deepCopy();
      if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          o.set(name, normalized(o.get(name)));
        }
      } else if (copy instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          a.set(i, normalized(a.get(i)));
        }
      }
      return copy;
    }
    return n;
  }

  /** A JSON value as a plain Java value, for error texts. */
  private static Object plain(JsonNode v) {
    try {
      return PLAIN.treeToValue(v, Object.class);
    } catch (JsonProcessingException e) {
      return v.toString();
    }
  }

  private static Pattern compile(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p != null) {
      return p;
    }
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return null; // refused when the CRD was written
    }
    if (PATTERNS.size() < MAX_PATTERNS) {
      PATTERNS.put(regex, p);
    }
    return p;
  }
}
