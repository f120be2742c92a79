package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.meta.TableColumnDefinition;
import java.util.List;

/**
 * The table form of one resource: its columns, and the cells of one object's row. Cells are {@code
 * String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}, one per column, in the
 * column order. Implementations are stateless apart from their clock and safe to share between
 * threads; a missing field never fails, it prints as Kubernetes prints an empty value.
 */
public interface TableConvertor {
  /** The columns, wide ones (priority 1) included. */
  List<TableColumnDefinition> columns();

  /** The cells of the row of {@code object}, one per column. */
  List<Object> cells(ObjectNode object);
}
