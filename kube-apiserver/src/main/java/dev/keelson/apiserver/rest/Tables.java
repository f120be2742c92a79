package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.table.TableConvertor;
import dev.keelson.watch.ListResult;
import dev.keelson.watch.StoredObject;
import java.util.List;

/** Builds {@code meta.k8s.io Table} answers from objects and a resource's convertor. */
final class Tables {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Tables() {}

  /** The Table of a list: one row per item, the list's resource version and continue token. */
  static ObjectNode list(TableRequest request, TableConvertor convertor, ListResult result) {
    ObjectNode table =
        table(
            request,
            convertor,
            Long.toString(result.resourceVersion()),
            result.continueToken(),
            true);
    ArrayNode rows = (ArrayNode) table.get("rows");
    for (StoredObject o : result.items()) {
      rows.add(row(request, convertor, o.object().json()));
    }
    return table;
  }

  /** The one-row Table of a single object. */
  static ObjectNode single(TableRequest request, TableConvertor convertor, ObjectNode object) {
    ObjectNode table =
        table(
            request,
            convertor,
            object.path("metadata").path("resourceVersion").asText(""),
            null,
            true);
    ((ArrayNode) table.get("rows")).add(row(request, convertor, object));
    return table;
  }

  /**
   * A Table of one object for a watch event; the column definitions only when {@code withColumns}.
   */
  static ObjectNode event(
      TableRequest request, TableConvertor convertor, ObjectNode object, boolean withColumns) {
    ObjectNode table =
        table(
            request,
            convertor,
            object.path("metadata").path("resourceVersion").asText(""),
            null,
            withColumns);
    ((ArrayNode) table.get("rows")).add(row(request, convertor, object));
    return table;
  }

  private static ObjectNode table(
      TableRequest request,
      TableConvertor convertor,
      String resourceVersion,
      String continueToken,
      boolean withColumns) {
    ObjectNode table = F.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", request.apiVersion());
    ObjectNode metadata = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    if (withColumns) {
      convertor.columns().forEach(c -> columns.add(KubeJson.toTree(c)));
    }
    table.putArray("rows");
    return table;
  }

  private static ObjectNode row(TableRequest request, TableConvertor convertor, ObjectNode object) {
    ObjectNode row = F.objectNode();
    ArrayNode cells = row.putArray("cells");
    List<Object> values = convertor.cells(object);
    for (Object v : values) {
      cells.add(v == null ? F.nullNode() : (JsonNode) KubeJson.toTree(v));
    }
    switch (request.include()) {
      case NONE -> {}
      case OBJECT -> row.set("object", object);
      case METADATA -> {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", request.apiVersion());
        partial.set(
            "metadata",
            object.path("metadata").isObject() ? object.get("metadata") : F.objectNode());
      }
    }
    return row;
  }
}
