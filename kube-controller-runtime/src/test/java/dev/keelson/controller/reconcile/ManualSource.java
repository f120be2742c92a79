package dev.keelson.controller.reconcile;

import dev.keelson.controller.source.EventSource;
import dev.keelson.controller.source.ResourceEventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event source a test drives by hand. */
final class ManualSource<T> implements EventSource<T> {
  private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
  private volatile boolean synced = true;

  @Override
  public void addHandler(ResourceEventHandler<T> handler) {
    handlers.add(handler);
  }

  @Override
  public boolean hasSynced() {
    return synced;
  }

  void synced(boolean synced) {
    this.synced = synced;
  }

  void add(T obj) {
    handlers.forEach(h -> h.onAdd(obj, false));
  }

  void update(T oldObj, T newObj) {
    handlers.forEach(h -> h.onUpdate(oldObj, newObj));
  }

  void delete(T obj) {
    handlers.forEach(h -> h.onDelete(obj, false));
  }
}
