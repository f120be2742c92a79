package dev.keelson.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.api.meta.StatusCause;

/**
 * One validation failure at a field path, as Kubernetes reports it: {@code spec.containers[0].name:
 * Invalid value: "Web": a lowercase RFC 1123 label must ...}.
 *
 * @param field the path, for example {@code metadata.labels} or {@code spec.ports[1].port}
 * @param badValue the offending value (not shown for {@link Type#REQUIRED}, {@link Type#FORBIDDEN},
 *     {@link Type#TOO_LONG} and {@link Type#INTERNAL})
 * @param detail why the value is wrong; may be empty
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** The kinds of field error, with the cause reason and the text Kubernetes uses. */
  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    /** The {@code StatusCause.reason}, for example {@code FieldValueRequired}. */
    public String reason() {
      return reason;
    }

    /** The human text, for example {@code Required value}. */
    public String text() {
      return text;
    }
  }

  private static final ObjectMapper PLAIN = new ObjectMapper();

  public FieldError {
    detail = detail == null ? "" : detail;
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError notSupported(String field, Object value, Iterable<String> supported) {
    StringBuilder d = new StringBuilder("supported values: ");
    boolean first = true;
    for (String s : supported) {
      d.append(first ? "" : ", ").append('"').append(s).append('"');
      first = false;
    }
    return new FieldError(Type.NOT_SUPPORTED, field, value, d.toString());
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError tooLong(String field, Object value, int maxLength) {
    return new FieldError(
        Type.TOO_LONG, field, value, "may not be more than " + maxLength + " bytes");
  }

  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(Type.TOO_MANY, field, actual, "must have at most " + max + " items");
  }

  public static FieldError internal(String field, String detail) {
    return new FieldError(Type.INTERNAL, field, null, detail);
  }

  /** The message without the field: {@code Invalid value: "x": detail}. */
  public String body() {
    StringBuilder s = new StringBuilder(type.text());
    switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> {}
      default -> s.append(": ").append(render(badValue));
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** This error as a {@code StatusCause} of an Invalid status. */
  public StatusCause toCause() {
    return new StatusCause(type.reason(), body(), field);
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    try {
      return PLAIN.writeValueAsString(value instanceof CharSequence ? value.toString() : value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
