package dev.keelson.apiserver.http;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.errors.RequestEntityTooLargeException;
import dev.keelson.api.errors.TooManyRequestsException;
import dev.keelson.api.json.KubeJson;
import java.util.Map;

/** The Status bodies the HTTP layer itself answers with (before any handler runs). */
final class StatusResponses {
  static final Map<String, String> JSON = Map.of("content-type", "application/json");

  private StatusResponses() {}

  static byte[] body(ApiException e) {
    return KubeJson.encode(e.status());
  }

  static ApiException tooLarge(int limit) {
    return RequestEntityTooLargeException.of("limit is " + limit);
  }

  static ApiException tooManyRequests() {
    return TooManyRequestsException.of("Too many requests, please try again later.", 1);
  }

  static ApiException malformed(String why) {
    return BadRequestException.of("malformed HTTP request: " + why);
  }

  static ApiException internal(Throwable t) {
    return InternalErrorException.of(t.getClass().getSimpleName() + ": " + t.getMessage());
  }
}
