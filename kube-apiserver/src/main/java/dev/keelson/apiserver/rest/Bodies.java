package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.UnsupportedMediaTypeException;
import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.Decoded;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.protobuf.KubeProtobuf;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decoding request bodies into objects, as kube-apiserver does. */
final class Bodies {
  private Bodies() {}

  /** An object and the warnings (unknown fields under fieldValidation=Warn) it produced. */
  record Body(ObjectNode object, List<String> warnings) {}

  /** The media type of the request body, without parameters. */
  static String mediaType(Request request) {
    String ct = request.header("content-type");
    if (ct == null || ct.isBlank()) {
      return "application/json";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** The body parsed to a tree: JSON, or YAML when so declared. */
  static JsonNode parse(Request request, List<String> accepted) {
    String media = mediaType(request);
    if (!accepted.contains(media)) {
      throw UnsupportedMediaTypeException.of(
          "the body of the request was in an unknown format - accepted media types include: "
              + String.join(", ", accepted));
    }
    if (request.body().length == 0) {
      throw BadRequestException.of("the request body is empty");
    }
    return media.endsWith("yaml")
        ? KubeJson.parseYaml(new String(request.body(), StandardCharsets.UTF_8))
        : KubeJson.parse(request.body());
  }

  private static final List<String> JSON_YAML = List.of("application/json", "application/yaml");
  private static final List<String> JSON_YAML_PROTOBUF =
      List.of("application/json", "application/yaml", KubeProtobuf.MEDIA_TYPE);

  /**
   * The body of an object of {@code kind} parsed to a JSON tree: JSON, YAML, or protobuf when the
   * kind has a protobuf form (built-in kinds; custom resources get 415, as from kube-apiserver). A
   * protobuf envelope without apiVersion or kind takes them from {@code kind}.
   */
  static JsonNode parseObject(Request request, GroupVersionKind kind) {
    List<String> accepted = KubeProtobuf.supports(kind) ? JSON_YAML_PROTOBUF : JSON_YAML;
    if (isProtobuf(request) && accepted.contains(KubeProtobuf.MEDIA_TYPE)) {
      if (request.body().length == 0) {
        throw BadRequestException.of("the request body is empty");
      }
      return KubeProtobuf.decode(request.body(), kind).object();
    }
    return parse(request, accepted);
  }

  /** Whether the body is Kubernetes protobuf. */
  static boolean isProtobuf(Request request) {
    return mediaType(request).equals(KubeProtobuf.MEDIA_TYPE);
  }

  /**
   * Decodes an object for {@code type}: checks apiVersion and kind, and for typed resources runs it
   * through the model (unknown fields dropped, reported or refused per {@code validation}; bad
   * values refused with their field path).
   *
   * <p>A protobuf body cannot carry unknown fields (kube-apiserver's protobuf decoding drops
   * unknown field numbers, so fieldValidation=Strict never fails one); the decoded tree holds only
   * fields Kubernetes knows. Strict is relaxed to Warn for it, so a field Kubernetes knows and this
   * model lacks is reported, not refused.
   */
  static Body decodeObject(Request request, ResourceType type, FieldValidation validation) {
    if (type.isTyped()
        && request.body().length > 0
        && mediaType(request).equals("application/json")) {
      Body body = decodeJson(request.body(), type, validation);
      if (body != null) {
        return body;
      }
    }
    JsonNode tree = parseObject(request, type.gvk());
    if (isProtobuf(request) && validation == FieldValidation.STRICT) {
      validation = FieldValidation.WARN;
    }
    return decodeTree(tree, type, validation);
  }

  /**
   * The common case in one pass: a JSON body decoded straight into the kind's record, as {@link
   * #decodeTree} would decode its parsed tree (same checks, same unknown-field warnings), without
   * building and encoding the tree first. Null when anything is off (malformed JSON, a duplicate
   * key, a bad value, unknown fields under Strict, another apiVersion or kind): {@link #decodeTree}
   * then gives the exact error.
   */
  static Body decodeJson(byte[] json, ResourceType type, FieldValidation validation) {
    Decoded<?> decoded;
    try {
      decoded = KubeJson.decodeUniqueKeys(json, type.javaType(), validation);
    } catch (DecodeException e) {
      return null;
    }
    if (!(decoded.value() instanceof KubernetesObject o)
        || !absentOrEqual(o.apiVersion(), type.apiVersion())
        || !absentOrEqual(o.kind(), type.kind())) {
      return null;
    }
    ObjectNode result = (ObjectNode) KubeJson.toTree(decoded.value());
    result.put("apiVersion", type.apiVersion());
    result.put("kind", type.kind());
    return new Body(result, new ArrayList<>(decoded.warnings()));
  }

  private static boolean absentOrEqual(String sent, String expected) {
    return sent == null || sent.isEmpty() || sent.equals(expected);
  }

  static Body decodeTree(JsonNode tree, ResourceType type, FieldValidation validation) {
    if (!(tree instanceof ObjectNode object)) {
      throw BadRequestException.of("the request body must be a JSON object");
    }
    String what = type.kind() + " in version \"" + type.version() + "\"";
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw BadRequestException.of(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + type.apiVersion()
              + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw BadRequestException.of(
          what + " cannot be handled as a " + type.kind() + ": kind " + kind + " does not match");
    }
    List<String> warnings = new ArrayList<>();
    ObjectNode result;
    if (type.isTyped()) {
      Decoded<?> decoded;
      try {
        decoded = KubeJson.convert(object, type.javaType(), validation);
      } catch (DecodeException e) {
        throw BadRequestException.of(
            what + " cannot be handled as a " + type.kind() + ": " + e.getMessage());
      }
      warnings.addAll(decoded.warnings());
      result = (ObjectNode) KubeJson.toTree(decoded.value());
    } else {
      result = object.deepCopy();
    }
    result.put("apiVersion", type.apiVersion());
    result.put("kind", type.kind());
    if (result.has("metadata") && !result.get("metadata").isObject()) {
      throw BadRequestException.of(what + " cannot be handled: metadata must be an object");
    }
    return new Body(result, warnings);
  }
}
