package dev.keelson.node;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.internal.WatchPodSource;

/** Ready-made {@link PodSource}s. */
public final class PodSources {
  private PodSources() {}

  /**
   * Lists and watches the pods of {@code nodeName} (field selector {@code spec.nodeName}) in every
   * namespace; relists after a watch ends, waiting {@code clock}-time that doubles from 1 s to 30 s
   * while attempts fail.
   */
  public static PodSource watching(KubeClient client, String nodeName, Clock clock) {
    return new WatchPodSource(client, nodeName, clock);
  }
}
