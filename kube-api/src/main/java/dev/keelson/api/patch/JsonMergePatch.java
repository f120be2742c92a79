package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * JSON Merge Patch (RFC 7386, {@code application/merge-patch+json}): an object patch merges into
 * the target member by member, recursively; a {@code null} member deletes; every other value,
 * arrays included, replaces. A patch that is not an object replaces the whole target (RFC 7386
 * section 2); on the server the result then fails to decode as the object (422).
 *
 * <p>Neither input tree is modified; the result is a new tree. A merge patch cannot make the
 * document larger than target plus patch, so it needs no limits beyond the request size.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /** Applies {@code patch} to {@code target}. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(patch, "patch");
    return merge(target, patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        result.remove(name);
      } else {
        JsonNode current = result.get(name);
        result.set(
            name, merge(current == null ? JsonNodeFactory.instance.nullNode() : current, value));
      }
    }
    return result;
  }
}
