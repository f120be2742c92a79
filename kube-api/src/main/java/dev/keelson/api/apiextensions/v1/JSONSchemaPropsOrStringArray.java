package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.json.JsonTypes;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A value of {@code dependencies}: a schema the object must also match when the property is
 * present, or the names of properties that must then be present too. Written back in the form it
 * was read.
 *
 * @param schema the schema form, or {@code null} for the string-array form
 * @param property the string-array form; empty for the schema form
 */
@JsonSerialize(using = JSONSchemaPropsOrStringArray.Serializer.class)
@JsonDeserialize(using = JSONSchemaPropsOrStringArray.Deserializer.class)
public record JSONSchemaPropsOrStringArray(JSONSchemaProps schema, List<String> property) {
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  public JSONSchemaPropsOrStringArray {
    property = Immutable.list(property);
    if (schema != null && !property.isEmpty()) {
      throw new IllegalArgumentException("either a schema or property names, not both");
    }
  }

  /** The schema form. */
  public static JSONSchemaPropsOrStringArray of(JSONSchemaProps schema) {
    return new JSONSchemaPropsOrStringArray(Objects.requireNonNull(schema, "schema"), List.of());
  }

  /** The property-names form. */
  public static JSONSchemaPropsOrStringArray ofProperties(List<String> property) {
    return new JSONSchemaPropsOrStringArray(null, property);
  }

  static final class Serializer extends JsonSerializer<JSONSchemaPropsOrStringArray> {
    @Override
    public void serialize(
        JSONSchemaPropsOrStringArray value, JsonGenerator gen, SerializerProvider sp)
        throws IOException {
      if (value.schema != null) {
        sp.defaultSerializeValue(value.schema, gen);
      } else {
        gen.writeStartArray();
        for (String s : value.property) {
          gen.writeString(s);
        }
        gen.writeEndArray();
      }
    }
  }

  static final class Deserializer extends JsonDeserializer<JSONSchemaPropsOrStringArray> {
    @Override
    public JSONSchemaPropsOrStringArray deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        return of(ctxt.readValue(p, JSONSchemaProps.class));
      }
      if (t == JsonToken.START_ARRAY) {
        return ofProperties(ctxt.readValue(p, ctxt.getTypeFactory().constructType(LIST)));
      }
      throw JsonMappingException.from(
          p, "cannot unmarshal " + JsonTypes.of(t) + " into a schema object or a string array");
    }
  }
}
