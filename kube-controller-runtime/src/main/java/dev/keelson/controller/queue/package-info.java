/**
 * Work queues in the manner of client-go's {@code workqueue}, layered by capability:
 *
 * <ul>
 *   <li>{@link dev.keelson.controller.queue.WorkQueue}: a bounded FIFO of distinct items. An item
 *       added while it is already waiting is queued once; an item added while a worker processes it
 *       is queued again after that worker calls {@code done}, so one item is never processed by two
 *       workers at once and a change that arrives during processing is never lost.
 *   <li>{@link dev.keelson.controller.queue.DelayingQueue}: adds an item after a delay measured on
 *       a {@link dev.keelson.controller.time.Clock}.
 *   <li>{@link dev.keelson.controller.queue.RateLimitingQueue}: adds an item after the delay a
 *       {@link dev.keelson.controller.queue.RateLimiter} asks for (per-item exponential backoff, an
 *       overall token bucket, or the maximum of several).
 * </ul>
 *
 * <p>Items must be values ({@code equals}/{@code hashCode}), typically records such as a
 * namespace/name key. Queues report to {@link dev.keelson.controller.queue.QueueMetrics}; {@link
 * dev.keelson.controller.queue.InMemoryQueueMetrics} keeps them in memory and renders them in the
 * Prometheus text format under client-go's metric names.
 */
package dev.keelson.controller.queue;
