package dev.keelson.node.spi;

import java.util.List;

/** CRI {@code Image}: its id, tags and size in bytes. */
public record ImageInfo(String id, List<String> repoTags, long sizeBytes) {
  /** Copies the tags. */
  public ImageInfo {
    repoTags = List.copyOf(repoTags);
  }
}
