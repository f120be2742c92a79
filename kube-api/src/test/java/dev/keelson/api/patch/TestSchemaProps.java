package dev.keelson.api.patch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Recursive, with a {@code $ref} field, like JSONSchemaProps. */
record TestSchemaProps(
    @JsonProperty("$ref") String ref,
    String type,
    Map<String, TestSchemaProps> properties,
    @PatchStrategy(merge = true) List<String> required) {}
