package dev.keelson.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * The plugins a scheduler runs, in order per extension point, and the weights of the score plugins
 * (a missing weight is 1).
 *
 * @param plugins the plugins; each runs at every extension point it implements
 * @param weights score weights by plugin name
 */
public record Profile(List<Plugin> plugins, Map<String, Integer> weights) {
  /** Copies. */
  public Profile {
    plugins = List.copyOf(plugins);
    weights = Map.copyOf(weights);
  }

  /** The weight of a score plugin. */
  public int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }
}
