package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.errors.UnsupportedMediaTypeException;
import java.util.Objects;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}) for built-in
 * kinds. Like a JSON merge patch, objects merge field by field and {@code null} deletes a field;
 * lists follow the {@link PatchStrategy} annotations on the kind's record components, found by
 * reflection and cached per class:
 *
 * <ul>
 *   <li>{@code @PatchStrategy(merge = true, key = "name")}: a list of objects merges by the key
 *       (containers and env by {@code name}, ports by {@code containerPort}, volumeMounts by {@code
 *       mountPath}, ...): elements with a known key merge recursively, new ones are added;
 *   <li>{@code @PatchStrategy(merge = true)} on a list of values: set union (finalizers);
 *   <li>no strategy: the patch's list replaces the original's.
 * </ul>
 *
 * <p>Merged lists are ordered as Kubernetes orders them: the elements the patch mentions in the
 * patch's order, the server's other elements in their order, interleaved by their place in the
 * original.
 *
 * <p>Directives:
 *
 * <ul>
 *   <li>{@code {"$patch": "delete", "name": "x"}} in a merged list deletes the element(s) with that
 *       key; {@code "$patch": "delete"} in an object empties it ({@code {}}, as Kubernetes does);
 *   <li>{@code "$patch": "replace"} in an object replaces it with the rest of the patch object; as
 *       an element {@code {"$patch": "replace"}} of a merged list it replaces the list with the
 *       patch's other elements;
 *   <li>{@code "$patch": "merge"} states the default (Kubernetes itself rejects it; accepted here);
 *   <li>{@code "$retainKeys": [...]} clears the original's fields not listed; every field the patch
 *       sets must be listed (else 400);
 *   <li>{@code "$setElementOrder/<list>": [...]} orders the merged list (objects given by merge key
 *       only); the patch's elements must appear in it in the same order (else 400); elements it
 *       does not mention keep their relative order and their place relative to the original;
 *   <li>{@code "$deleteFromPrimitiveList/<list>": [...]} removes those values from a list of
 *       values;
 *   <li>any other key starting with {@code $} in a record (unless the record has such a field, as
 *       {@code $ref}) is an unknown directive: 400.
 * </ul>
 *
 * <p>Neither input tree is modified; the result is a new tree. Values the patch adds have their
 * directives applied (against nothing), so the result never contains directive keys.
 *
 * <p>Errors: a patch that is not an object, a malformed or unknown directive, or a merged element
 * without its merge key is a 400 ({@link PatchException}); a value whose JSON type cannot be the
 * field's (a string where the kind has a list), lists of lists, and lists that mix objects and
 * values are a 422 ({@link PatchFailedException}). Kubernetes answers 400 and 422 the same way
 * where its code maps the error, and 500 where it lets a plain Go error escape (unknown {@code
 * $patch} value, missing merge key); Keelson answers those with the 400 they are.
 *
 * <p>Custom resources ({@link GenericObject}) and other types that are not records have no patch
 * strategy: Kubernetes answers a strategic merge patch for them with 415 Unsupported Media Type,
 * and so does {@link #apply} ({@link UnsupportedMediaTypeException}).
 */
public final class StrategicMergePatch {

  /** Kubernetes' message when a kind does not support strategic merge patch. */
  static final String UNSUPPORTED =
      "the body of the request was in an unknown format - accepted media types include:"
          + " application/json-patch+json, application/merge-patch+json,"
          + " application/apply-patch+yaml";

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to {@code original}, a JSON object of the kind {@code recordType}.
   *
   * @throws UnsupportedMediaTypeException when {@code recordType} is {@link GenericObject} or not a
   *     record
   * @throws PatchException when the patch is malformed (400)
   * @throws PatchFailedException when the patch cannot apply to this object (422)
   */
  public static JsonNode apply(JsonNode original, JsonNode patch, Class<?> recordType) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(recordType, "recordType");
    if (!supports(recordType)) {
      throw UnsupportedMediaTypeException.of(UNSUPPORTED);
    }
    if (!patch.isObject()) {
      throw PatchException.of(
          "a strategic merge patch must be a JSON object, got " + JsonValues.typeName(patch));
    }
    if (!original.isObject()) {
      throw PatchException.of(
          "the object to patch must be a JSON object, got " + JsonValues.typeName(original));
    }
    return StrategicMerger.mergeObject(
        ((ObjectNode) original).deepCopy(), (ObjectNode) patch, PatchSchema.of(recordType), "");
  }

  /** Whether strategic merge patch applies to this type: records of the model, not generic ones. */
  public static boolean supports(Class<?> type) {
    return type.isRecord() && type != GenericObject.class;
  }
}
