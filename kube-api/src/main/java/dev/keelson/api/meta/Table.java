package dev.keelson.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Server-side printed output ({@code meta.k8s.io/v1 Table}) that {@code kubectl get} shows. */
@KubeModel
public record Table(
    String apiVersion,
    String kind,
    ListMeta metadata,
    List<TableColumnDefinition> columnDefinitions,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<TableRow> rows)
    implements TableBuilder.With {
  public Table {
    apiVersion = apiVersion == null ? "meta.k8s.io/v1" : apiVersion;
    kind = kind == null ? "Table" : kind;
    columnDefinitions = Immutable.list(columnDefinitions);
    rows = Immutable.list(rows);
  }
}
