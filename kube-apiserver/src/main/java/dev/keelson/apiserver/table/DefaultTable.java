package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's default table for resources without a printer: {@code Name} and {@code Created
 * At} (type {@code date}, the RFC 3339 creation time in UTC, as {@code kubectl get crd} shows).
 */
final class DefaultTable implements TableConvertor {
  static final DefaultTable INSTANCE = new DefaultTable();

  private static final List<TableColumnDefinition> COLUMNS =
      List.of(
          Columns.NAME,
          new TableColumnDefinition("Created At", "date", "", Columns.AGE.description(), 0));

  private DefaultTable() {}

  @Override
  public List<TableColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode object) {
    Instant created = Fields.created(object);
    List<Object> cells = new ArrayList<>();
    cells.add(Fields.name(object));
    cells.add(created == null ? "0001-01-01T00:00:00Z" : Times.format(created));
    return cells;
  }
}
