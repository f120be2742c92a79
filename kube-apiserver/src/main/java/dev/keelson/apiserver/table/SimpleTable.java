package dev.keelson.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.meta.TableColumnDefinition;
import java.util.List;
import java.util.function.Function;

/** A convertor from a fixed list of columns and a function computing the cells. */
record SimpleTable(List<TableColumnDefinition> columns, Function<ObjectNode, List<Object>> row)
    implements TableConvertor {
  SimpleTable {
    columns = List.copyOf(columns);
  }

  @Override
  public List<Object> cells(ObjectNode object) {
    return row.apply(object);
  }
}
