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
 * The {@code items} of an array schema: one schema for every element (the usual form, an object),
 * or one schema per position (a JSON array). Written back in the form it was read, including an
 * empty array.
 *
 * @param schema the single-schema form, or {@code null} for the array form
 * @param schemas the array form; empty for the single-schema form
 */
@JsonSerialize(using = JSONSchemaPropsOrArray.Serializer.class)
@JsonDeserialize(using = JSONSchemaPropsOrArray.Deserializer.class)
public record JSONSchemaPropsOrArray(JSONSchemaProps schema, List<JSONSchemaProps> schemas) {
  private static final TypeReference<List<JSONSchemaProps>> LIST = new TypeReference<>() {};

  public JSONSchemaPropsOrArray {
    schemas = Immutable.list(schemas);
    if (schema != null && !schemas.isEmpty()) {
      throw new IllegalArgumentException("either one schema or an array of schemas, not both");
    }
  }

  /** One schema for all elements. */
  public static JSONSchemaPropsOrArray of(JSONSchemaProps schema) {
    return new JSONSchemaPropsOrArray(Objects.requireNonNull(schema, "schema"), List.of());
  }

  /** One schema per position. */
  public static JSONSchemaPropsOrArray ofArray(List<JSONSchemaProps> schemas) {
    return new JSONSchemaPropsOrArray(null, schemas);
  }

  /** Whether this is the array form. */
  public boolean isArray() {
    return schema == null;
  }

  static final class Serializer extends JsonSerializer<JSONSchemaPropsOrArray> {
    @Override
    public void serialize(JSONSchemaPropsOrArray value, JsonGenerator gen, SerializerProvider sp)
        throws IOException {
      if (value.schema != null) {
        sp.defaultSerializeValue(value.schema, gen);
      } else {
        gen.writeStartArray();
        for (JSONSchemaProps s : value.schemas) {
          sp.defaultSerializeValue(s, gen);
        }
        gen.writeEndArray();
      }
    }
  }

  static final class Deserializer extends JsonDeserializer<JSONSchemaPropsOrArray> {
    @Override
    public JSONSchemaPropsOrArray deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        return of(ctxt.readValue(p, JSONSchemaProps.class));
      }
      if (t == JsonToken.START_ARRAY) {
        return ofArray(ctxt.readValue(p, ctxt.getTypeFactory().constructType(LIST)));
      }
      throw JsonMappingException.from(
          p, "cannot unmarshal " + JsonTypes.of(t) + " into a schema object or an array");
    }
  }
}
