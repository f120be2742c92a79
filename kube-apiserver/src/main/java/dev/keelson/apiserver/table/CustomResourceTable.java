package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apiextensions.v1.CustomResourceColumnDefinition;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom resources: Name, then each of the CRD version's {@code additionalPrinterColumns} evaluated
 * by its JSONPath (only the first value counts). {@code integer}, {@code number} and {@code
 * boolean} columns carry JSON values of that type (else null), {@code string} columns the value
 * printed as JSONPath prints it, {@code date} columns the age of the timestamp. Without printer
 * columns the CRD gets one: {@code Age}, a date at {@code .metadata.creationTimestamp}.
 */
final class CustomResourceTable implements TableConvertor {
  private static final CustomResourceColumnDefinition DEFAULT_AGE =
      new CustomResourceColumnDefinition(
          "Age", "date", null, Columns.AGE.description(), null, ".metadata.creationTimestamp");

  private final InstantSource clock;
  private final List<TableColumnDefinition> columns = new ArrayList<>();
  private final List<JsonPath> paths = new ArrayList<>();

  CustomResourceTable(List<CustomResourceColumnDefinition> printerColumns, InstantSource clock) {
    this.clock = clock;
    columns.add(Columns.NAME);
    List<CustomResourceColumnDefinition> cols =
        printerColumns.isEmpty() ? List.of(DEFAULT_AGE) : printerColumns;
    for (CustomResourceColumnDefinition c : cols) {
      columns.add(
          new TableColumnDefinition(
              c.name(),
              c.type(),
              c.format() == null ? "" : c.format(),
              c.description() == null ? "" : c.description(),
              c.priority() == null ? 0 : c.priority()));
      JsonPath path;
      try {
        path = JsonPath.parse(c.jsonPath() == null ? "" : c.jsonPath());
      } catch (IllegalArgumentException e) {
        path = null; // validation of the CRD rejects these; print nothing rather than fail
      }
      paths.add(path);
    }
  }

  @Override
  public List<TableColumnDefinition> columns() {
    return List.copyOf(columns);
  }

  @Override
  public List<Object> cells(ObjectNode object) {
    List<Object> cells = new ArrayList<>();
    cells.add(Fields.name(object));
    for (int i = 0; i < paths.size(); i++) {
      JsonPath path = paths.get(i);
      List<JsonNode> results = path == null ? List.of() : path.evaluate(object);
      cells.add(results.isEmpty() ? null : cell(columns.get(i + 1).type(), results.get(0)));
    }
    return cells;
  }

  private Object cell(String type, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type) {
      case "integer" -> value.isNumber() ? (Object) value.asLong() : null;
      case "number" -> value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : null;
      case "string" -> value.isTextual() ? value.asText() : KubeJson.encodeToString(value);
      case "date" -> {
        if (!value.isTextual()) {
          yield null;
        }
        Instant t;
        try {
          t = Times.parse(value.asText());
        } catch (RuntimeException e) {
          yield "<invalid>";
        }
        yield HumanDuration.since(t, clock);
      }
      default -> null;
    };
  }
}
