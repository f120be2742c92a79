package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * JSON Patch (RFC 6902, {@code application/json-patch+json}): an array of operations {@code add},
 * {@code remove}, {@code replace}, {@code move}, {@code copy} and {@code test}, applied in order
 * and atomically (all or nothing). Paths are JSON Pointers (RFC 6901) with {@code ~0}/{@code ~1}
 * escapes; {@code -} appends to an array; array indexes are digits without leading zeros, and
 * negative indexes are rejected. {@code test} compares deeply, numbers by value ({@code 1} equals
 * {@code 1.0}). Members of an operation other than {@code op}, {@code path}, {@code from} and
 * {@code value} are ignored.
 *
 * <p>Neither input tree is modified; the result is a new tree.
 *
 * <p>Errors follow kube-apiserver's {@code patchResource}:
 *
 * <ul>
 *   <li>a patch that is not an array of objects: 400 ({@link PatchException});
 *   <li>more than {@link JsonPatchLimits#maxOperations()} operations: 413 ({@link
 *       PatchTooLargeException});
 *   <li>everything that fails while applying: an unknown or missing {@code op}, a missing {@code
 *       path}/{@code from}/{@code value}, a malformed pointer, a path that does not exist, an index
 *       out of range, a failed {@code test}, copies beyond {@link JsonPatchLimits#maxCopyBytes()}:
 *       422 Invalid ({@link PatchFailedException}), whose message names the operation by its index
 *       in the array, its op and its path, for example {@code json patch operations[2] (test
 *       "/spec/replicas"): test failed: the value is 3, not 2}.
 * </ul>
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** Applies {@code patch} to {@code document} within {@link JsonPatchLimits#KUBERNETES}. */
  public static JsonNode apply(JsonNode document, JsonNode patch) {
    return apply(document, patch, JsonPatchLimits.KUBERNETES);
  }

  /** Applies {@code patch} to {@code document} within {@code limits}. */
  public static JsonNode apply(JsonNode document, JsonNode patch, JsonPatchLimits limits) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(limits, "limits");
    if (!patch.isArray()) {
      throw PatchException.of(
          "json patch must be an array of operations, got " + JsonValues.typeName(patch));
    }
    for (int i = 0; i < patch.size(); i++) {
      if (!patch.get(i).isObject()) {
        throw PatchException.of(
            "json patch operations["
                + i
                + "] must be an object, got "
                + JsonValues.typeName(patch.get(i)));
      }
    }
    if (patch.size() > limits.maxOperations()) {
      throw PatchTooLargeException.of(
          "The allowed maximum operations in a JSON patch is "
              + limits.maxOperations()
              + ", got "
              + patch.size());
    }
    Applier applier = new Applier(document.deepCopy(), limits);
    for (int i = 0; i < patch.size(); i++) {
      applier.apply(i, patch.get(i));
    }
    if (limits.maxResultBytes() < Long.MAX_VALUE
        && JsonValues.size(applier.root, limits.maxResultBytes()) > limits.maxResultBytes()) {
      throw PatchTooLargeException.of(
          "the patched object is larger than the limit of " + limits.maxResultBytes() + " bytes");
    }
    return applier.root;
  }

  /** Applies operations to a private copy of the document, in place. */
  private static final class Applier {
    private JsonNode root;
    private final JsonPatchLimits limits;
    private long copied;
    // The operation being applied, for messages.
    private int index;
    private String op;
    private String path;

    Applier(JsonNode root, JsonPatchLimits limits) {
      this.root = root;
      this.limits = limits;
    }

    void apply(int index, JsonNode operation) {
      this.index = index;
      this.op = null;
      this.path = null;
      JsonNode opNode = operation.get("op");
      JsonNode pathNode = operation.get("path");
      this.path = pathNode != null && pathNode.isTextual() ? pathNode.textValue() : null;
      if (opNode == null || !opNode.isTextual()) {
        throw fail(
            opNode == null
                ? "missing \"op\""
                : "\"op\" must be a string, got " + JsonValues.typeName(opNode));
      }
      this.op = opNode.textValue();
      switch (op) {
        case "add", "remove", "replace", "move", "copy", "test" -> {}
        default ->
            throw fail(
                "unknown op \"" + op + "\" (expected add, remove, replace, move, copy or test)");
      }
      if (pathNode == null || !pathNode.isTextual()) {
        throw fail(
            pathNode == null
                ? "missing \"path\""
                : "\"path\" must be a string, got " + JsonValues.typeName(pathNode));
      }
      JsonPointer target = pointer(pathNode.textValue(), "path");
      switch (op) {
        case "add" -> root = add(root, target, value(operation).deepCopy());
        case "remove" -> remove(target);
        case "replace" -> replace(target, value(operation).deepCopy());
        case "move" -> move(from(operation), target);
        case "copy" -> copy(from(operation), target);
        case "test" -> test(target, value(operation));
        default -> throw new AssertionError(op);
      }
    }

    private JsonNode value(JsonNode operation) {
      JsonNode value = operation.get("value");
      if (value == null) {
        throw fail("missing \"value\"");
      }
      return value;
    }

    private JsonPointer from(JsonNode operation) {
      JsonNode from = operation.get("from");
      if (from == null || !from.isTextual()) {
        throw fail(
            from == null
                ? "missing \"from\""
                : "\"from\" must be a string, got " + JsonValues.typeName(from));
      }
      return pointer(from.textValue(), "from");
    }

    private JsonPointer pointer(String text, String member) {
      try {
        return JsonPointer.parse(text);
      } catch (IllegalArgumentException e) {
        throw fail("\"" + member + "\": " + e.getMessage());
      }
    }

    /** The value at {@code pointer}; fails when there is none. */
    private JsonNode get(JsonPointer pointer) {
      JsonNode node = root;
      String at = "";
      for (String token : pointer.tokens()) {
        if (node.isObject()) {
          JsonNode next = node.get(token);
          if (next == null) {
            throw fail(
                "path \"" + pointer + "\" does not exist: no member \"" + token + "\"" + in(at));
          }
          node = next;
        } else if (node.isArray()) {
          node = node.get(existingIndex((ArrayNode) node, token, pointer, at));
        } else {
          throw fail(
              "path \""
                  + pointer
                  + "\" does not exist: "
                  + (at.isEmpty() ? "the document" : "\"" + at + "\"")
                  + " is a "
                  + JsonValues.typeName(node)
                  + ", not an object or array");
        }
        at = at + "/" + escape(token);
      }
      return node;
    }

    private static String in(String at) {
      return at.isEmpty() ? " in the document" : " in \"" + at + "\"";
    }

    /** The container that holds the target of {@code pointer} (not the root). */
    private JsonNode container(JsonPointer pointer) {
      JsonNode parent = get(pointer.parent());
      if (!parent.isContainerNode()) {
        throw fail(
            "path \""
                + pointer
                + "\" does not exist: \""
                + pointer.parent()
                + "\" is a "
                + JsonValues.typeName(parent)
                + ", not an object or array");
      }
      return parent;
    }

    private int existingIndex(ArrayNode array, String token, JsonPointer pointer, String at) {
      int i = JsonPointer.arrayIndex(token);
      if (i < 0) {
        throw fail(
            "path \""
                + pointer
                + "\": \""
                + token
                + "\" is not a valid index into the array \""
                + at
                + "\" (digits without leading zeros)");
      }
      if (i >= array.size()) {
        throw fail(
            "path \""
                + pointer
                + "\": index "
                + token
                + " is out of range for the array \""
                + at
                + "\" of "
                + array.size()
                + " elements");
      }
      return i;
    }

    private JsonNode add(JsonNode doc, JsonPointer target, JsonNode value) {
      if (target.isRoot()) {
        return value;
      }
      JsonNode parent = container(target);
      String token = target.last();
      if (parent instanceof ObjectNode object) {
        object.set(token, value);
      } else {
        ArrayNode array = (ArrayNode) parent;
        if (token.equals("-")) {
          array.add(value);
        } else {
          int i = JsonPointer.arrayIndex(token);
          if (i < 0) {
            throw fail(
                "path \""
                    + target
                    + "\": \""
                    + token
                    + "\" is not a valid index into the array \""
                    + target.parent()
                    + "\" (digits without leading zeros, or \"-\" to append)");
          }
          if (i > array.size()) {
            throw fail(
                "path \""
                    + target
                    + "\": index "
                    + token
                    + " is out of range for adding to the array \""
                    + target.parent()
                    + "\" of "
                    + array.size()
                    + " elements");
          }
          array.insert(i, value);
        }
      }
      return doc;
    }

    private JsonNode remove(JsonPointer target) {
      if (target.isRoot()) {
        throw fail("cannot remove the whole document");
      }
      JsonNode parent = container(target);
      String token = target.last();
      if (parent instanceof ObjectNode object) {
        if (!object.has(token)) {
          throw fail(
              "path \""
                  + target
                  + "\" does not exist: no member \""
                  + token
                  + "\""
                  + in(target.parent().text()));
        }
        return object.remove(token);
      }
      ArrayNode array = (ArrayNode) parent;
      return array.remove(existingIndex(array, token, target, target.parent().text()));
    }

    private void replace(JsonPointer target, JsonNode value) {
      if (target.isRoot()) {
        root = value;
        return;
      }
      JsonNode parent = container(target);
      String token = target.last();
      if (parent instanceof ObjectNode object) {
        if (!object.has(token)) {
          throw fail(
              "path \""
                  + target
                  + "\" does not exist: no member \""
                  + token
                  + "\""
                  + in(target.parent().text()));
        }
        object.set(token, value);
      } else {
        ArrayNode array = (ArrayNode) parent;
        array.set(existingIndex(array, token, target, target.parent().text()), value);
      }
    }

    private void move(JsonPointer from, JsonPointer target) {
      if (from.isProperPrefixOf(target)) {
        throw fail("cannot move \"" + from + "\" into its own child \"" + target + "\"");
      }
      if (from.equals(target)) {
        get(from); // must exist
        return;
      }
      JsonNode value = remove(from);
      root = add(root, target, value);
    }

    private void copy(JsonPointer from, JsonPointer target) {
      JsonNode value = get(from);
      long budget = limits.maxCopyBytes() - copied;
      long size = JsonValues.size(value, budget);
      copied += size;
      if (copied > limits.maxCopyBytes()) {
        throw fail(
            "the copies of this patch would add more than "
                + limits.maxCopyBytes()
                + " bytes, the most allowed");
      }
      root = add(root, target, value.deepCopy());
    }

    private void test(JsonPointer target, JsonNode expected) {
      JsonNode actual = get(target);
      if (!JsonValues.equal(actual, expected)) {
        throw fail(
            "test failed: the value is "
                + JsonValues.brief(actual)
                + ", not "
                + JsonValues.brief(expected));
      }
    }

    private PatchFailedException fail(String message) {
      StringBuilder b = new StringBuilder("json patch operations[").append(index).append(']');
      if (op != null || path != null) {
        b.append(" (");
        if (op != null) {
          b.append(op);
        }
        if (path != null) {
          b.append(op != null ? " " : "").append('"').append(path).append('"');
        }
        b.append(')');
      }
      b.append(": ").append(message);
      return PatchFailedException.of(path == null ? "" : path, b.toString());
    }
  }

  /** Escapes a reference token for a JSON pointer. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
