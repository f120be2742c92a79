package dev.keelson.node;

/**
 * Where a node agent learns of its pods: every pod whose {@code spec.nodeName} is the node. The
 * default ({@link PodSources#watching}) lists and watches the API itself; a shared informer can
 * take its place. After {@link #start} the source delivers the current pods, then changes, and
 * after a reconnect the pods that vanished meanwhile as removals.
 */
public interface PodSource extends AutoCloseable {
  /** Starts delivering to {@code handler}; called once. */
  void start(PodHandler handler);

  /** Stops delivering; idempotent. */
  @Override
  void close();
}
