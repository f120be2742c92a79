package dev.keelson.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.KubeModel;
import java.time.Instant;

/**
 * Which manager owns which fields of an object, as recorded by server-side apply.
 *
 * @param operation {@code Apply} or {@code Update}
 * @param fieldsType always {@code FieldsV1}
 * @param fieldsV1 the set of owned fields in the FieldsV1 trie encoding
 */
@KubeModel
public record ManagedFieldsEntry(
    String manager,
    String operation,
    String apiVersion,
    Instant time,
    String fieldsType,
    JsonNode fieldsV1,
    String subresource)
    implements ManagedFieldsEntryBuilder.With {}
