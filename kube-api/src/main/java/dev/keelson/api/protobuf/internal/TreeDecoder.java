package dev.keelson.api.protobuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.protobuf.ProtobufException;
import dev.keelson.api.protobuf.internal.Schema.Field;
import dev.keelson.api.protobuf.internal.Schema.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Decodes a protobuf message into the JSON tree Go's {@code encoding/json} would produce for the
 * same Go value: inline structs merged into their parent, zero values of {@code omitempty}
 * non-pointer fields left out, bytes as base64, and the types with hand-written protobuf forms
 * (Time, MicroTime, Duration, Quantity, IntOrString, RawExtension, FieldsV1, JSON and the
 * apiextensions JSONSchemaPropsOr* unions) in their JSON forms. Unknown field numbers are skipped,
 * as Kubernetes does.
 */
public final class TreeDecoder {
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String EXT = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";

  /** Deeper nesting than this is refused (bounds recursion on hostile input). */
  static final int MAX_DEPTH = 100;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final Schema schema;

  /** A decoder over this schema. */
  public TreeDecoder(Schema schema) {
    this.schema = schema;
  }

  /** Decodes a message of this type; null when Go would encode the value as JSON null. */
  public JsonNode decode(Message message, WireReader in) {
    return value(message.name(), in, 0);
  }

  private JsonNode value(String type, WireReader in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ProtobufException("protobuf message nested deeper than " + MAX_DEPTH);
    }
    switch (type) {
      case META + "Time":
        return time(in, false);
      case META + "MicroTime":
        return time(in, true);
      case META + "Duration":
        {
          long[] v = scalars(in, 1, 0);
          return TextNode.valueOf(GoDuration.format(v[0]));
        }
      case META + "FieldsV1", "k8s.io.apimachinery.pkg.runtime.RawExtension", EXT + "JSON":
        return rawJson(in);
      case "k8s.io.apimachinery.pkg.api.resource.Quantity",
      "k8s.io.apimachinery.pkg.api.resource.QuantityValue":
        return stringField(in);
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
        return intOrString(in);
      case EXT + "JSONSchemaPropsOrArray",
      EXT + "JSONSchemaPropsOrBool",
      EXT + "JSONSchemaPropsOrStringArray":
        return schemaUnion(type, in, depth);
      default:
        break;
    }
    Message message =
        schema
            .message(type)
            .orElseThrow(() -> new IllegalStateException("no protobuf schema for " + type));
    ObjectNode object = NODES.objectNode();
    ArrayNode array = message.array() ? NODES.arrayNode() : null;
    while (!in.atEnd()) {
      int tag = in.tag();
      int number = WireReader.number(tag);
      int wire = WireReader.wireType(tag);
      Field f = message.fields().get(number);
      if (f == null) {
        in.skip(wire); // unknown fields are ignored, as Kubernetes' protobuf decoding does
        continue;
      }
      if (array != null) {
        repeated(array, f, wire, in, depth, type);
        continue;
      }
      switch (f.cardinality()) {
        case OPTIONAL -> {
          JsonNode v = single(f, wire, in, depth, type);
          if (f.inline()) {
            if (v instanceof ObjectNode inner) {
              object.setAll(inner);
            }
          } else if (v == null || (!f.pointer() && f.omitEmpty() && isZero(v))) {
            object.remove(f.json());
          } else {
            object.set(f.json(), v);
          }
        }
        case REPEATED -> {
          JsonNode existing = object.get(f.json());
          ArrayNode a = existing instanceof ArrayNode e ? e : object.putArray(f.json());
          repeated(a, f, wire, in, depth, type);
        }
        case MAP -> {
          JsonNode existing = object.get(f.json());
          ObjectNode m = existing instanceof ObjectNode e ? e : object.putObject(f.json());
          expect(wire, WireReader.LENGTH_DELIMITED, f, type);
          entry(m, f, in.delimited(), depth, type);
        }
      }
    }
    return array != null ? array : object;
  }

  private void repeated(ArrayNode a, Field f, int wire, WireReader in, int depth, String owner) {
    if (wire == WireReader.LENGTH_DELIMITED && packable(f.type())) {
      WireReader packed = in.delimited();
      int element = f.type().equals("double") ? WireReader.FIXED64 : WireReader.VARINT;
      if (f.type().equals("float")) {
        element = WireReader.FIXED32;
      }
      while (!packed.atEnd()) {
        a.add(scalar(f.type(), element, packed, f, owner));
      }
      return;
    }
    JsonNode v = single(f, wire, in, depth, owner);
    a.add(v == null ? NODES.nullNode() : v);
  }

  private void entry(ObjectNode m, Field f, WireReader in, int depth, String owner) {
    String key = "";
    JsonNode value = null;
    boolean seen = false;
    while (!in.atEnd()) {
      int tag = in.tag();
      int wire = WireReader.wireType(tag);
      switch (WireReader.number(tag)) {
        case 1 -> {
          expect(wire, WireReader.LENGTH_DELIMITED, f, owner);
          key = in.string();
        }
        case 2 -> {
          value = element(f.type(), wire, in, depth, f, owner);
          seen = true;
        }
        default -> in.skip(wire);
      }
    }
    if (!seen) {
      value = zero(f.type());
    }
    m.set(key, value == null ? NODES.nullNode() : value);
  }

  private JsonNode single(Field f, int wire, WireReader in, int depth, String owner) {
    return element(f.type(), wire, in, depth, f, owner);
  }

  private JsonNode element(String type, int wire, WireReader in, int depth, Field f, String owner) {
    if (isScalar(type)) {
      return scalar(type, wire, in, f, owner);
    }
    expect(wire, WireReader.LENGTH_DELIMITED, f, owner);
    return value(type, in.delimited(), depth + 1);
  }

  private JsonNode scalar(String type, int wire, WireReader in, Field f, String owner) {
    return switch (type) {
      case "string" -> {
        expect(wire, WireReader.LENGTH_DELIMITED, f, owner);
        yield TextNode.valueOf(in.string());
      }
      case "bytes" -> {
        expect(wire, WireReader.LENGTH_DELIMITED, f, owner);
        yield TextNode.valueOf(Base64.getEncoder().encodeToString(in.bytes()));
      }
      case "int32" -> {
        expect(wire, WireReader.VARINT, f, owner);
        yield IntNode.valueOf((int) in.varint());
      }
      case "int64" -> {
        expect(wire, WireReader.VARINT, f, owner);
        yield LongNode.valueOf(in.varint());
      }
      case "bool" -> {
        expect(wire, WireReader.VARINT, f, owner);
        yield BooleanNode.valueOf(in.varint() != 0);
      }
      case "double" -> {
        expect(wire, WireReader.FIXED64, f, owner);
        yield DoubleNode.valueOf(Double.longBitsToDouble(in.fixed64()));
      }
      case "float" -> {
        expect(wire, WireReader.FIXED32, f, owner);
        yield FloatNode.valueOf(Float.intBitsToFloat(in.fixed32()));
      }
      default -> throw new IllegalStateException("unknown protobuf scalar type " + type);
    };
  }

  private static boolean isScalar(String type) {
    return switch (type) {
      case "string", "bytes", "int32", "int64", "bool", "double", "float" -> true;
      default -> false;
    };
  }

  private static boolean packable(String type) {
    return switch (type) {
      case "int32", "int64", "bool", "double", "float" -> true;
      default -> false;
    };
  }

  private static JsonNode zero(String type) {
    return switch (type) {
      case "string", "bytes" -> TextNode.valueOf("");
      case "int32", "int64" -> IntNode.valueOf(0);
      case "bool" -> BooleanNode.FALSE;
      default -> NODES.objectNode();
    };
  }

  private static boolean isZero(JsonNode v) {
    return (v.isTextual() && v.textValue().isEmpty())
        || (v.isNumber() && v.asDouble() == 0)
        || (v.isBoolean() && !v.booleanValue());
  }

  private static void expect(int wire, int expected, Field f, String owner) {
    if (wire != expected) {
      throw new ProtobufException(
          "protobuf field "
              + f.number()
              + " ("
              + (f.json().isEmpty() ? "inline" : f.json())
              + ") of "
              + owner.substring(owner.lastIndexOf('.') + 1)
              + " has wire type "
              + wire
              + ", expected "
              + expected);
    }
  }

  // ------------------------------------------------------------ hand-written Kubernetes types

  /** Reads fields 1 and 2 as varints (Timestamp seconds/nanos, Duration). */
  private static long[] scalars(WireReader in, int first, int second) {
    long[] v = new long[2];
    while (!in.atEnd()) {
      int tag = in.tag();
      int n = WireReader.number(tag);
      if ((n == first || n == second) && WireReader.wireType(tag) == WireReader.VARINT) {
        v[n - 1] = in.varint();
      } else if (n == first || n == second) {
        throw new ProtobufException("protobuf field " + n + " of a time has the wrong wire type");
      } else {
        in.skip(WireReader.wireType(tag));
      }
    }
    return v;
  }

  private static JsonNode time(WireReader in, boolean micro) {
    if (in.atEnd()) {
      return null; // Go's zero time: JSON null
    }
    long[] v = scalars(in, 1, 2);
    if (!micro) {
      // kube-apiserver keeps seconds only, as JSON does
      return TextNode.valueOf(Times.format(Instant.ofEpochSecond(v[0])));
    }
    long nanos = ((int) v[1]) / 1000 * 1000L;
    return TextNode.valueOf(MICRO.format(Instant.ofEpochSecond(v[0], nanos)));
  }

  private static JsonNode rawJson(WireReader in) {
    byte[] raw = null;
    while (!in.atEnd()) {
      int tag = in.tag();
      if (WireReader.number(tag) == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        raw = in.bytes();
      } else {
        in.skip(WireReader.wireType(tag));
      }
    }
    if (raw == null || raw.length == 0) {
      return null;
    }
    try {
      return KubeJson.parse(raw);
    } catch (BadRequestException e) {
      throw new ProtobufException("an embedded raw JSON value is malformed: " + e.getMessage());
    }
  }

  private static JsonNode stringField(WireReader in) {
    String s = "";
    while (!in.atEnd()) {
      int tag = in.tag();
      if (WireReader.number(tag) == 1 && WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED) {
        s = in.string();
      } else {
        in.skip(WireReader.wireType(tag));
      }
    }
    return TextNode.valueOf(s);
  }

  private static JsonNode intOrString(WireReader in) {
    long type = 0;
    int intVal = 0;
    String strVal = "";
    while (!in.atEnd()) {
      int tag = in.tag();
      int wire = WireReader.wireType(tag);
      switch (WireReader.number(tag)) {
        case 1 -> type = wire == WireReader.VARINT ? in.varint() : badIntOrString();
        case 2 -> intVal = wire == WireReader.VARINT ? (int) in.varint() : badIntOrString();
        case 3 -> {
          if (wire != WireReader.LENGTH_DELIMITED) {
            badIntOrString();
          }
          strVal = in.string();
        }
        default -> in.skip(wire);
      }
    }
    return type == 1 ? TextNode.valueOf(strVal) : IntNode.valueOf(intVal);
  }

  private static int badIntOrString() {
    throw new ProtobufException("an IntOrString field has the wrong protobuf wire type");
  }

  private JsonNode schemaUnion(String type, WireReader in, int depth) {
    JsonNode schemaValue = null;
    ArrayNode list = NODES.arrayNode();
    boolean allows = false;
    boolean orBool = type.endsWith("OrBool");
    boolean orStrings = type.endsWith("OrStringArray");
    while (!in.atEnd()) {
      int tag = in.tag();
      int n = WireReader.number(tag);
      int wire = WireReader.wireType(tag);
      if (orBool && n == 1 && wire == WireReader.VARINT) {
        allows = in.varint() != 0;
      } else if (n == (orBool ? 2 : 1) && wire == WireReader.LENGTH_DELIMITED) {
        schemaValue = value(EXT + "JSONSchemaProps", in.delimited(), depth + 1);
      } else if (!orBool && n == 2 && wire == WireReader.LENGTH_DELIMITED) {
        list.add(
            orStrings
                ? TextNode.valueOf(in.string())
                : value(EXT + "JSONSchemaProps", in.delimited(), depth + 1));
      } else {
        in.skip(wire);
      }
    }
    if (orBool) {
      return schemaValue != null ? schemaValue : BooleanNode.valueOf(allows);
    }
    if (!list.isEmpty()) {
      return list;
    }
    return schemaValue;
  }
}
