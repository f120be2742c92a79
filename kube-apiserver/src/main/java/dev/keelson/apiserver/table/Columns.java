package dev.keelson.apiserver.table;

import dev.keelson.api.meta.TableColumnDefinition;

/** Column definitions as kube-apiserver's printers declare them. */
final class Columns {
  private Columns() {}

  static final TableColumnDefinition NAME =
      new TableColumnDefinition(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace. More info:"
              + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
          0);

  static final TableColumnDefinition AGE =
      column(
          "Age",
          "string",
          "CreationTimestamp is a timestamp representing the server time when this object was"
              + " created.");

  static final TableColumnDefinition CONTAINERS =
      wide("Containers", "string", "Names of each container in the template.");
  static final TableColumnDefinition IMAGES =
      wide("Images", "string", "Images referenced by each container in the template.");

  /** A column always shown. */
  static TableColumnDefinition column(String name, String type, String description) {
    return new TableColumnDefinition(name, type, "", description, 0);
  }

  /** A column shown only with {@code -o wide} (priority 1). */
  static TableColumnDefinition wide(String name, String type, String description) {
    return new TableColumnDefinition(name, type, "", description, 1);
  }
}
