package dev.keelson.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.protobuf.internal.Schema;
import dev.keelson.api.protobuf.internal.Schema.Message;
import dev.keelson.api.protobuf.internal.TreeDecoder;
import dev.keelson.api.protobuf.internal.WireReader;

/**
 * Decodes Kubernetes protobuf bodies ({@value #MEDIA_TYPE}): the 4-byte prefix {@code k8s\0}, then
 * a {@code runtime.Unknown} (1: typeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4:
 * contentType) whose {@code raw} is the object's message. Built-in kinds only (those with a message
 * in Kubernetes' {@code generated.proto}); custom resources have no protobuf form.
 */
public final class KubeProtobuf {
  /** The media type of Kubernetes protobuf. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
  private static final TreeDecoder DECODER = new TreeDecoder(Schema.builtin());

  private KubeProtobuf() {}

  /** Whether objects of this kind have a protobuf form. */
  public static boolean supports(GroupVersionKind kind) {
    return Schema.builtin().kind(kind).isPresent();
  }

  /**
   * Decodes an enveloped object. A missing apiVersion or kind in the envelope is taken from {@code
   * defaults} (the endpoint's kind), as kube-apiserver does.
   *
   * @throws ProtobufException if the body is not protobuf, is malformed, or names a kind without a
   *     protobuf form
   */
  public static ProtobufObject decode(byte[] body, GroupVersionKind defaults) {
    if (body.length < MAGIC.length
        || body[0] != MAGIC[0]
        || body[1] != MAGIC[1]
        || body[2] != MAGIC[2]
        || body[3] != MAGIC[3]) {
      throw new ProtobufException(
          "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    WireReader in = new WireReader(body, MAGIC.length, body.length - MAGIC.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    String contentEncoding = "";
    while (!in.atEnd()) {
      int tag = in.tag();
      int wire = WireReader.wireType(tag);
      int number = WireReader.number(tag);
      if (number >= 1 && number <= 4 && wire != WireReader.LENGTH_DELIMITED) {
        throw new ProtobufException(
            "protobuf field " + number + " of runtime.Unknown has wire type " + wire);
      }
      switch (number) {
        case 1 -> {
          WireReader typeMeta = in.delimited();
          while (!typeMeta.atEnd()) {
            int t = typeMeta.tag();
            int w = WireReader.wireType(t);
            int n = WireReader.number(t);
            if ((n == 1 || n == 2) && w == WireReader.LENGTH_DELIMITED) {
              if (n == 1) {
                apiVersion = typeMeta.string();
              } else {
                kind = typeMeta.string();
              }
            } else if (n == 1 || n == 2) {
              throw new ProtobufException("protobuf typeMeta field " + n + " has wire type " + w);
            } else {
              typeMeta.skip(w);
            }
          }
        }
        case 2 -> raw = in.bytes();
        case 3 -> contentEncoding = in.string();
        case 4 -> in.string(); // contentType: informational
        default -> in.skip(wire);
      }
    }
    if (!contentEncoding.isEmpty()) {
      throw new ProtobufException(
          "protobuf content encoding \"" + contentEncoding + "\" is not supported");
    }
    GroupVersionKind gvk =
        apiVersion.isEmpty() && kind.isEmpty()
            ? defaults
            : GroupVersionKind.of(
                apiVersion.isEmpty() ? defaults.apiVersion() : apiVersion,
                kind.isEmpty() ? defaults.kind() : kind);
    Message message =
        Schema.builtin()
            .kind(gvk)
            .orElseThrow(
                () ->
                    new ProtobufException(
                        "no kind \""
                            + gvk.kind()
                            + "\" is registered for version \""
                            + gvk.apiVersion()
                            + "\" in protobuf"));
    JsonNode tree = DECODER.decode(message, new WireReader(raw));
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", gvk.apiVersion());
    object.put("kind", gvk.kind());
    if (tree instanceof ObjectNode fields) {
      fields.remove("apiVersion");
      fields.remove("kind");
      object.setAll(fields);
    }
    return new ProtobufObject(gvk, object);
  }
}
