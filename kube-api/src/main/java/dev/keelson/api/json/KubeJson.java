package dev.keelson.api.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' JSON, for the model's records and for {@link JsonNode} trees.
 *
 * <p>Encoding writes what Kubernetes writes: fields in declaration order, empty strings, lists and
 * maps left out, {@code null} left out, times as RFC 3339 (see {@link Times}). Decoding is as
 * strict about types as Go's decoder: a string is not a number, a number is not a string, {@code
 * 1.5} is not an integer. Every decoding failure is a {@link DecodeException} naming the field
 * path; no Jackson exception escapes.
 *
 * <p>Unknown fields are ignored by {@link #decode(byte[], Class)}; {@link #decode(byte[], Class,
 * FieldValidation)} reports them (Kubernetes' {@code fieldValidation}).
 *
 * <p>Thread-safe; the mappers are shared and must not be reconfigured.
 */
public final class KubeJson {
  /** Nesting deeper than this is refused (a request body cannot exhaust the stack). */
  public static final int MAX_NESTING_DEPTH = 200;

  /**
   * Jackson's default buffer pool is per thread, and the API server runs each request on a new
   * virtual thread, so every parser and generator allocated fresh buffers (about 12 KiB): share a
   * bounded pool instead.
   */
  private static final JsonMapper MAPPER =
      configure(
              JsonMapper.builder(
                  com.fasterxml.jackson.core.JsonFactory.builder()
                      .recyclerPool(
                          com.fasterxml.jackson.core.util.JsonRecyclerPools.newBoundedPool(256))
                      .build()))
          .build();

  private static final YAMLMapper YAML =
      configure(
              YAMLMapper.builder(
                  YAMLFactory.builder()
                      .streamReadConstraints(
                          StreamReadConstraints.builder()
                              .maxNestingDepth(MAX_NESTING_DEPTH)
                              .build())
                      .build()))
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
  }

  private KubeJson() {}

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      B configure(B b) {
    SimpleModule times = new SimpleModule("kube-times");
    times.addSerializer(Instant.class, new InstantSerializer());
    times.addDeserializer(Instant.class, new InstantDeserializer());
    b.addModule(times)
        .serializationInclusion(JsonInclude.Include.NON_EMPTY)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS))
        // Records: serialize their components only, never derived getters such as isFoo().
        .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        // Public creators only: a value type's private one-string constructor must not win over
        // its validating @JsonCreator (it did for Quantity, accepting "1.5.3").
        .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.PUBLIC_ONLY)
        // A null inside a list or map is an error at its own path (spec.containers[1]).
        .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Boolean,
            c ->
                c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    return b;
  }

  /** The shared JSON mapper, configured as described above. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The shared YAML mapper, configured like {@link #mapper()}. */
  public static ObjectMapper yamlMapper() {
    return YAML;
  }

  /** Compact JSON bytes of a record, tree, or anything the mapper can write. */
  public static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /** Compact JSON text. */
  public static String encodeToString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /** YAML text, as {@code kubectl get -o yaml} shows. */
  public static String encodeToYaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /** Decodes JSON, ignoring unknown fields. */
  public static <T> T decode(byte[] json, Class<T> type) {
    return KubeJson.<T>decode(json, MAPPER.constructType(type), FieldValidation.IGNORE).value();
  }

  /** Decodes JSON into a generic type, ignoring unknown fields. */
  public static <T> T decode(byte[] json, TypeReference<T> type) {
    return KubeJson.<T>decode(
            json, MAPPER.getTypeFactory().constructType(type), FieldValidation.IGNORE)
        .value();
  }

  /**
   * Decodes JSON, finding unknown fields as {@code validation} asks.
   *
   * @throws DecodeException for malformed JSON, a value of the wrong type or an invalid value, and
   *     in {@link FieldValidation#STRICT} mode for unknown fields
   */
  public static <T> Decoded<T> decode(byte[] json, Class<T> type, FieldValidation validation) {
    return decode(json, MAPPER.constructType(type), validation);
  }

  /**
   * Decodes JSON as {@link #decode(byte[], Class, FieldValidation)} does, and also fails on a
   * duplicate key, as {@link #parse} does: the same result as {@code convert(parse(json), type,
   * validation)} in one pass, without building the tree.
   *
   * @throws DecodeException as {@link #decode(byte[], Class, FieldValidation)}, and for a duplicate
   *     key
   */
  public static <T> Decoded<T> decodeUniqueKeys(
      byte[] json, Class<T> type, FieldValidation validation) {
    return decode(
        json,
        MAPPER
            .readerFor(MAPPER.constructType(type))
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION),
        validation);
  }

  /** Decodes YAML (one document), ignoring unknown fields. */
  public static <T> T decodeYaml(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (IOException e) {
      throw DecodeException.from(e);
    }
  }

  /** Parses JSON into a tree; duplicate keys are an error, as in Kubernetes' strict decoding. */
  public static JsonNode parse(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw DecodeException.of("", "empty body");
      }
      return node;
    } catch (IOException e) {
      throw DecodeException.from(e);
    }
  }

  /** Parses YAML (one document) into a tree. */
  public static JsonNode parseYaml(String yaml) {
    try {
      JsonNode node = YAML.readTree(yaml);
      if (node == null || node.isMissingNode()) {
        throw DecodeException.of("", "empty document");
      }
      return node;
    } catch (IOException e) {
      throw DecodeException.from(e);
    }
  }

  /** Converts a tree to a record, ignoring unknown fields. */
  public static <T> T convert(JsonNode tree, Class<T> type) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw DecodeException.from(e);
    }
  }

  /** Converts a tree to a record, reporting unknown fields as {@code validation} asks. */
  public static <T> Decoded<T> convert(JsonNode tree, Class<T> type, FieldValidation validation) {
    return decode(encode(tree), MAPPER.constructType(type), validation);
  }

  /** The tree of a record. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static <T> Decoded<T> decode(byte[] json, JavaType type, FieldValidation validation) {
    return decode(json, MAPPER.readerFor(type), validation);
  }

  private static <T> Decoded<T> decode(
      byte[] json, ObjectReader reader, FieldValidation validation) {
    List<String> unknown = new ArrayList<>();
    if (validation != FieldValidation.IGNORE) {
      reader = reader.withHandler(new UnknownFieldCollector(unknown));
    }
    T value;
    try {
      value = reader.readValue(json);
    } catch (IOException | RuntimeException e) {
      throw DecodeException.from(e);
    }
    if (value == null) {
      throw DecodeException.of("", "empty body");
    }
    if (validation == FieldValidation.STRICT && !unknown.isEmpty()) {
      throw DecodeException.strict(unknown);
    }
    return new Decoded<>(value, List.copyOf(unknown));
  }

  /** Collects the path of each unknown field and skips its value. */
  private static final class UnknownFieldCollector
      extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
    private final List<String> unknown;

    UnknownFieldCollector(List<String> unknown) {
      this.unknown = unknown;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      // The context of the object holding the property: for a structured value the parser has
      // already entered the value's own context.
      // Jackson assigns the bean being built as the current value of the context that holds it
      // (the parent object's field, an array slot, or the root). Its path is the bean's path.
      // This holds for replayed (buffered) unknown properties too, whose own contexts may carry a
      // stale field name.
      // (When the bean's own context carries it, the property is read in place: the context's
      // own path, below, is right.)
      var own = p.getParsingContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        own = own.getParent();
      }
      String beanPath = null;
      if (!(beanOrClass instanceof Class<?>)) {
        for (var c = p.getParsingContext(); c != null; c = c.getParent()) {
          if (c.getCurrentValue() == beanOrClass) {
            beanPath = c == own ? null : FieldPaths.of(c);
            break;
          }
        }
      }
      if (beanPath != null) {
        String path = beanPath.isEmpty() ? propertyName : beanPath + "." + propertyName;
        if (!unknown.contains(path)) {
          unknown.add(path);
        }
        p.skipChildren();
        return true;
      }
      var ctx = p.getParsingContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        ctx = ctx.getParent();
        // Buffered parsers (property-based creators) repeat the name on a nested context.
        while (ctx.getParent() != null
            && ctx.getParent().inObject()
            && propertyName.equals(ctx.getParent().getCurrentName())) {
          ctx = ctx.getParent();
        }
      }
      String path = FieldPaths.of(ctx);
      if (!path.endsWith(propertyName)) {
        path = path.isEmpty() ? propertyName : path + "." + propertyName;
      }
      if (!unknown.contains(path)) {
        unknown.add(path);
      }
      p.skipChildren();
      return true;
    }
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(Times.format(value));
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      try {
        return Times.parse(p.getText());
      } catch (IllegalArgumentException e) {
        throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(
            p, e.getMessage(), p.getText(), Instant.class);
      }
    }
  }
}
