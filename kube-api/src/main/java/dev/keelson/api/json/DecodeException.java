package dev.keelson.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.meta.Status;
import java.util.List;
import java.util.Map;

/**
 * A body that could not be decoded: malformed JSON, a value of the wrong type, an invalid value
 * such as a bad quantity, or (strict mode) unknown fields. A 400 BadRequest whose message names the
 * field path, for example {@code spec.replicas: cannot unmarshal string into int32}.
 */
public class DecodeException extends BadRequestException {
  private final String field;
  private final String detail;

  private DecodeException(String field, String detail, String message) {
    super(Status.failure(400, "BadRequest", message, null));
    this.field = field;
    this.detail = detail;
  }

  /** The field path the error is at ("" for the whole body). */
  public String field() {
    return field;
  }

  /** What is wrong, without the field path. */
  public String detail() {
    return detail;
  }

  static DecodeException of(String field, String detail) {
    return new DecodeException(
        field, detail, field == null || field.isEmpty() ? detail : field + ": " + detail);
  }

  static DecodeException strict(List<String> unknownFields) {
    StringBuilder m = new StringBuilder("strict decoding error: ");
    for (int i = 0; i < unknownFields.size(); i++) {
      m.append(i == 0 ? "" : ", ")
          .append("unknown field \"")
          .append(unknownFields.get(i))
          .append('"');
    }
    return new DecodeException(unknownFields.get(0), m.toString(), m.toString());
  }

  /** Translates whatever Jackson (or a model constructor) threw while decoding. */
  static DecodeException from(Throwable e) {
    if (e instanceof DecodeException d) {
      return d;
    }
    if (e instanceof StreamConstraintsException c) {
      return of("", "request body too complex: " + c.getOriginalMessage());
    }
    if (e instanceof JsonMappingException m) {
      String path = FieldPaths.of(m.getPath());
      if (m instanceof ValueInstantiationException) {
        Throwable cause = rootCause(m);
        return of(path, describe(cause));
      }
      if (m instanceof InvalidFormatException f
          && f.getTargetType() != null
          && !String.valueOf(f.getOriginalMessage()).startsWith("Cannot coerce")) {
        String detail = f.getOriginalMessage();
        if (detail == null || detail.startsWith("Cannot deserialize")) {
          detail = "invalid value " + quote(f.getValue()) + " for " + goType(f.getTargetType());
        }
        return of(path, detail);
      }
      if (m instanceof InvalidNullException) {
        return of(path, "null is not allowed here");
      }
      if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
        String found = found(mi.getOriginalMessage());
        return of(path, "cannot unmarshal " + found + " into " + goType(mi.getTargetType()));
      }
      Throwable cause = m.getCause();
      if (cause != null && !(cause instanceof JsonProcessingException)) {
        return of(path, describe(rootCause(cause)));
      }
      return of(path, clean(m.getOriginalMessage()));
    }
    if (e instanceof JsonProcessingException p) {
      var loc = p.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return of("", "invalid JSON" + where + ": " + clean(p.getOriginalMessage()));
    }
    if (e instanceof IllegalArgumentException && e.getCause() != null) {
      return from(e.getCause());
    }
    return of("", describe(e));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static String describe(Throwable t) {
    if (t instanceof NullPointerException) {
      return "null is not allowed here";
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : clean(m);
  }

  /** Jackson's messages carry source excerpts and class names; keep the first sentence only. */
  private static String clean(String message) {
    if (message == null) {
      return "malformed body";
    }
    int cut = message.indexOf("\n");
    String s = cut >= 0 ? message.substring(0, cut) : message;
    return s.replace(" (for Object starting at", "").trim();
  }

  private static final java.util.regex.Pattern SHAPE =
      java.util.regex.Pattern.compile(
          "(String|Integer|Floating-point|Boolean|Array|Object|Null|null) value");

  /** The JSON type the input had, read from Jackson's message (the parser is closed by now). */
  private static String found(String jacksonMessage) {
    var m = SHAPE.matcher(jacksonMessage == null ? "" : jacksonMessage);
    if (!m.find()) {
      return "value";
    }
    return switch (m.group(1)) {
      case "String" -> "string";
      case "Integer", "Floating-point" -> "number";
      case "Boolean" -> "bool";
      case "Array" -> "array";
      case "Object" -> "object";
      default -> "null";
    };
  }

  private static final Map<Class<?>, String> GO_TYPES =
      Map.ofEntries(
          Map.entry(String.class, "string"),
          Map.entry(Integer.class, "int32"),
          Map.entry(int.class, "int32"),
          Map.entry(Long.class, "int64"),
          Map.entry(long.class, "int64"),
          Map.entry(Boolean.class, "bool"),
          Map.entry(boolean.class, "bool"),
          Map.entry(Double.class, "float64"),
          Map.entry(double.class, "float64"),
          Map.entry(java.time.Instant.class, "time (RFC 3339)"));

  private static String goType(Class<?> type) {
    String t = GO_TYPES.get(type);
    if (t != null) {
      return t;
    }
    if (java.util.List.class.isAssignableFrom(type) || type.isArray()) {
      return "array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "object";
    }
    return type.getSimpleName();
  }

  private static String quote(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
