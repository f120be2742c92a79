package dev.keelson.api;

import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ListMeta;
import java.util.List;

/**
 * A list of objects as the API returns it: {@code {"kind":"PodList","apiVersion":"v1",
 * "metadata":{...},"items":[...]}}.
 *
 * @param kind the list kind, conventionally the item kind plus {@code List}
 */
public record KubeList<T>(String apiVersion, String kind, ListMeta metadata, List<T> items) {
  public KubeList {
    metadata = metadata == null ? new ListMeta(null, null, null, null) : metadata;
    items = Immutable.list(items);
  }
}
