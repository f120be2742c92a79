package dev.keelson.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * A row of a {@link Table}.
 *
 * @param cells one value per column (string, number, boolean or null)
 * @param object the object the row shows: its metadata, the whole object, or absent
 */
@KubeModel
public record TableRow(
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Object> cells,
    List<JsonNode> conditions,
    JsonNode object)
    implements TableRowBuilder.With {
  public TableRow {
    cells =
        cells == null
            ? List.of()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cells));
    conditions = Immutable.list(conditions);
  }
}
