package dev.keelson.controller.reconcile;

import dev.keelson.controller.queue.WorkQueue;
import dev.keelson.controller.source.EventPredicate;
import dev.keelson.controller.source.ResourceEventHandler;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns notifications into queued requests: filter by the predicate, map to requests, add. An
 * update queues the requests of both the old and the new object (an owner that changed hears of it
 * on both sides).
 */
final class QueueingHandler<T> implements ResourceEventHandler<T> {
  private final WorkQueue<Request> queue;
  private final RequestMapper<? super T> mapper;
  private final EventPredicate<? super T> predicate;

  QueueingHandler(
      WorkQueue<Request> queue, RequestMapper<? super T> mapper, EventPredicate<? super T> p) {
    this.queue = queue;
    this.mapper = mapper;
    this.predicate = p;
  }

  @Override
  public void onAdd(T obj, boolean isInInitialList) {
    if (predicate.onAdd(obj)) {
      mapper.map(obj).forEach(queue::add);
    }
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    if (predicate.onUpdate(oldObj, newObj)) {
      Set<Request> requests = new HashSet<>(mapper.map(newObj));
      if (oldObj != null) {
        requests.addAll(mapper.map(oldObj));
      }
      requests.forEach(queue::add);
    }
  }

  @Override
  public void onDelete(T obj, boolean finalStateUnknown) {
    if (predicate.onDelete(obj)) {
      mapper.map(obj).forEach(queue::add);
    }
  }
}
