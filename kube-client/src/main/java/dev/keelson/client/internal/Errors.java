package dev.keelson.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Status;
import java.nio.charset.StandardCharsets;

/** Turns error answers into {@link ApiException}s. */
public final class Errors {
  private Errors() {}

  /**
   * The exception for a non-2xx answer: {@link ApiException#of(Status)} of the body when it is a
   * Status, otherwise an exception for the HTTP code with the start of the body as message.
   */
  public static ApiException fromResponse(int code, byte[] body, String what) {
    Status status = statusOf(body);
    if (status != null) {
      if (status.code() == null || status.code() == 0) {
        status = status.withCode(code);
      }
      if (status.message() == null || status.message().isEmpty()) {
        status = status.withMessage(what + ": HTTP " + code);
      }
      return ApiException.of(status);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    String message =
        "the server answered " + what + " with HTTP " + code + (text.isEmpty() ? "" : ": " + text);
    return ApiException.of(Status.failure(code, "", message, null));
  }

  /** The Status in a body, or {@code null} if the body is not one. */
  public static Status statusOf(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode node = KubeJson.parse(body);
      return asStatus(node);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The tree as a Status, or {@code null} if it is not one. */
  public static Status asStatus(JsonNode node) {
    if (node != null && node.isObject() && "Status".equals(node.path("kind").asText())) {
      try {
        return KubeJson.convert(node, Status.class);
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
