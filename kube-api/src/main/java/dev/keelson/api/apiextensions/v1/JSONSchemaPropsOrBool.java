package dev.keelson.api.apiextensions.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.keelson.api.json.JsonTypes;
import java.io.IOException;

/**
 * A boolean or a schema, as {@code additionalProperties} and {@code additionalItems} take: {@code
 * false} (nothing else allowed), {@code true} (anything allowed) or a schema (allowed if it
 * matches). Written back in the form it was read: a schema as an object, otherwise the boolean.
 *
 * @param allows the boolean form; {@code true} whenever {@code schema} is set
 * @param schema the schema form, or {@code null} for the boolean form
 */
@JsonSerialize(using = JSONSchemaPropsOrBool.Serializer.class)
@JsonDeserialize(using = JSONSchemaPropsOrBool.Deserializer.class)
public record JSONSchemaPropsOrBool(boolean allows, JSONSchemaProps schema) {
  public JSONSchemaPropsOrBool {
    if (schema != null && !allows) {
      throw new IllegalArgumentException("a schema always allows (allows must be true)");
    }
  }

  /** The boolean form. */
  public static JSONSchemaPropsOrBool of(boolean allows) {
    return new JSONSchemaPropsOrBool(allows, null);
  }

  /** The schema form. */
  public static JSONSchemaPropsOrBool of(JSONSchemaProps schema) {
    return new JSONSchemaPropsOrBool(true, java.util.Objects.requireNonNull(schema, "schema"));
  }

  /** Whether this is the schema form. */
  public boolean isSchema() {
    return schema != null;
  }

  static final class Serializer extends JsonSerializer<JSONSchemaPropsOrBool> {
    @Override
    public void serialize(JSONSchemaPropsOrBool value, JsonGenerator gen, SerializerProvider sp)
        throws IOException {
      if (value.schema != null) {
        sp.defaultSerializeValue(value.schema, gen);
      } else {
        gen.writeBoolean(value.allows);
      }
    }
  }

  static final class Deserializer extends JsonDeserializer<JSONSchemaPropsOrBool> {
    @Override
    public JSONSchemaPropsOrBool deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return of(t == JsonToken.VALUE_TRUE);
      }
      if (t == JsonToken.START_OBJECT) {
        return of(ctxt.readValue(p, JSONSchemaProps.class));
      }
      throw JsonMappingException.from(
          p, "cannot unmarshal " + JsonTypes.of(t) + " into a bool or a schema object");
    }
  }
}
