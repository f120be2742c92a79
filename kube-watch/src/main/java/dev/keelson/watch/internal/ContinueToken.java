package dev.keelson.watch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A continue token, in Kubernetes' format: unpadded base64url of {@code
 * {"v":"meta.k8s.io/v1","rv":N,"start":"<key relative to the resource prefix>"}}, where {@code
 * start} is the first key of the next page (the last key returned plus {@code \0}).
 *
 * @param revision the revision of the list's first page, at which every page is read
 * @param start the key (relative to the resource prefix) the next page starts at, inclusive
 */
record ContinueToken(long revision, String start) {
  private static final String VERSION = "meta.k8s.io/v1";

  /** The token continuing after {@code lastKey} (relative). */
  static ContinueToken after(long revision, String lastRelativeKey) {
    return new ContinueToken(revision, lastRelativeKey + "\u0000");
  }

  String encode() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("v", VERSION);
    node.put("rv", revision);
    node.put("start", start);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(KubeJson.encode(node));
  }

  /**
   * Parses a token.
   *
   * @throws BadRequestException if it is not one this server issued
   */
  static ContinueToken decode(String token) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
      JsonNode node = KubeJson.parse(json);
      if (!VERSION.equals(node.path("v").asText())) {
        throw BadRequestException.of("continue key is not valid: incorrect encoded start version");
      }
      long rv = node.path("rv").asLong(0);
      String start = node.path("start").asText("");
      if (rv <= 0 || start.startsWith("/") || start.contains("..")) {
        throw BadRequestException.of("continue key is not valid: invalid start or revision");
      }
      return new ContinueToken(rv, start);
    } catch (IllegalArgumentException | dev.keelson.api.json.DecodeException e) {
      throw BadRequestException.of("continue key is not valid: " + e.getMessage());
    }
  }
}
