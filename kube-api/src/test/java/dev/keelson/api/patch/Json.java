package dev.keelson.api.patch;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;

/** Test helper: JSON written with single quotes. */
final class Json {
  private Json() {}

  static JsonNode json(String singleQuoted) {
    return KubeJson.parse(singleQuoted.replace('\'', '"').getBytes(UTF_8));
  }
}
