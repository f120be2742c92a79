package dev.keelson.node.cri.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a container log file in CRI's format: one entry per line, {@code <RFC 3339 nano time>
 * <stdout|stderr> <tag> <content>}, where the tag's first part is {@code F} (a full line) or {@code
 * P} (a partial line continued by the next entry of the same stream). The runtime writes the file;
 * the node agent reads it.
 */
public final class CriLogFile {
  private CriLogFile() {}

  /**
   * The last {@code tailLines} lines (all when negative) of the log at {@code path}, partial
   * entries joined; empty when there is no file yet.
   *
   * @throws IOException when the file cannot be read
   */
  public static List<String> tail(Path path, int tailLines) throws IOException {
    List<String> raw;
    try {
      raw = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Deque<String> lines = new ArrayDeque<>();
    StringBuilder partialOut = new StringBuilder();
    StringBuilder partialErr = new StringBuilder();
    for (String entry : raw) {
      String[] parts = entry.split(" ", 4);
      if (parts.length < 3) {
        continue; // not a CRI entry (a torn write): skip it as kubelet does
      }
      StringBuilder partial = "stderr".equals(parts[1]) ? partialErr : partialOut;
      String content = parts.length == 4 ? parts[3] : "";
      String tag = parts[2];
      int colon = tag.indexOf(':');
      if (colon >= 0) {
        tag = tag.substring(0, colon);
      }
      if (tag.equals("P")) {
        partial.append(content);
        continue;
      }
      partial.append(content);
      lines.addLast(partial.toString());
      partial.setLength(0);
      if (tailLines >= 0 && lines.size() > tailLines) {
        lines.removeFirst();
      }
    }
    return new ArrayList<>(lines);
  }
}
