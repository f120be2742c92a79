package dev.keelson.controller.queue;

import java.time.Duration;

/**
 * A bounded, deduplicating FIFO of work items shared by producers (event handlers) and workers.
 *
 * <p>Guarantees, as client-go's {@code workqueue}:
 *
 * <ul>
 *   <li><b>Dedup.</b> An item added while it is waiting is waiting once: however many times it is
 *       added before a worker takes it, it is processed once.
 *   <li><b>One worker per item.</b> An item handed out by {@link #get} is <i>processing</i> until
 *       its worker calls {@link #done}. Adding it meanwhile marks it dirty; {@code done} then puts
 *       it back at the tail, so the change is processed afterwards, never concurrently.
 *   <li><b>Fairness.</b> Items are handed out in the order they first became waiting.
 *   <li><b>Bounded.</b> At most {@link QueueOptions#maxDepth()} distinct items may be waiting
 *       (including processing items marked dirty). When full, adding a <i>new</i> item is refused:
 *       {@link #add} returns {@code false}, the metric {@code rejected} counts it and the item is
 *       dropped; adding an item that is already waiting still succeeds (it is a no-op). A
 *       controller therefore loses an event only when it is more than {@code maxDepth} distinct
 *       keys behind; the next resync or event for that key queues it again.
 *   <li><b>Shut-down.</b> After {@link #shutDown} adds are ignored, items still waiting are still
 *       handed out, and {@link #get} returns {@code null} once none are left, telling the worker to
 *       exit.
 * </ul>
 *
 * <p>Thread-safe. Every worker must call {@link #done} for every item {@link #get} returned, in a
 * {@code finally} block.
 *
 * @param <T> the item type, a value with {@code equals} and {@code hashCode}
 */
public interface WorkQueue<T> {

  /** A queue with the default options (unbounded in practice: {@code maxDepth} 1,048,576). */
  static <T> WorkQueue<T> create() {
    return create(QueueOptions.defaults());
  }

  /** A queue with the given options. */
  static <T> WorkQueue<T> create(QueueOptions options) {
    return new DefaultWorkQueue<>(options, null);
  }

  /**
   * Makes {@code item} wait for a worker (see the class comment for dedup and the bound).
   *
   * @return {@code true} if the item is now waiting or will be re-queued after processing; {@code
   *     false} if it was refused because the queue is full or shutting down
   */
  boolean add(T item);

  /** How many items are waiting to be handed out (not counting items being processed). */
  int len();

  /**
   * Takes the next waiting item, blocking until there is one; it is processing until {@link #done}.
   *
   * @return the item, or {@code null} when the queue is shut down and no item is left
   */
  T get() throws InterruptedException;

  /**
   * As {@link #get}, waiting at most {@code timeout} (a zero timeout does not wait).
   *
   * @return the item, or {@code null} if none came in time or the queue is shut down and empty
   *     (tell them apart with {@link #isShuttingDown})
   */
  T get(Duration timeout) throws InterruptedException;

  /**
   * Marks {@code item} as processed. If it was added again while processing, it waits again now.
   * Calling {@code done} for an item that is not processing does nothing.
   */
  void done(T item);

  /**
   * Stops accepting items and wakes blocked workers; returns at once. Waiting items are still
   * handed out; {@link #get} returns {@code null} once none are left.
   */
  void shutDown();

  /**
   * Stops accepting items, then waits until every waiting item has been handed out and every item
   * handed out is {@link #done} (workers must keep calling {@link #get} meanwhile).
   */
  void shutDownWithDrain() throws InterruptedException;

  /**
   * As {@link #shutDownWithDrain()}, waiting at most {@code timeout}.
   *
   * @return {@code true} if the queue drained in time
   */
  boolean shutDownWithDrain(Duration timeout) throws InterruptedException;

  /** Whether {@link #shutDown} or {@link #shutDownWithDrain} was called. */
  boolean isShuttingDown();
}
