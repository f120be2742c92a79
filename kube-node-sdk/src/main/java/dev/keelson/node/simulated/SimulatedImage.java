package dev.keelson.node.simulated;

import java.util.List;
import java.util.Map;

/**
 * How containers of one image behave in the {@link SimulatedRuntime}.
 *
 * @param output the lines each container writes to stdout when it starts
 * @param files the files {@code cat} finds in its containers, by absolute path
 */
public record SimulatedImage(List<String> output, Map<String, String> files) {
  /** Copies the collections. */
  public SimulatedImage {
    output = List.copyOf(output);
    files = Map.copyOf(files);
  }

  /** An image whose containers write {@code lines} when they start. */
  public static SimulatedImage printing(String... lines) {
    return new SimulatedImage(List.of(lines), Map.of());
  }

  /** This image with one more file. */
  public SimulatedImage withFile(String path, String content) {
    var f = new java.util.HashMap<>(files);
    f.put(path, content);
    return new SimulatedImage(output, f);
  }
}
