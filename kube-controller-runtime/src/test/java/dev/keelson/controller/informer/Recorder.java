package dev.keelson.controller.informer;

import dev.keelson.api.KubernetesObject;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.source.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/** A handler that records what it is told and rebuilds the state from it. */
class Recorder<T extends KubernetesObject> implements ResourceEventHandler<T> {
  final List<String> events = new ArrayList<>();
  final Map<ObjectKey, T> state = new ConcurrentHashMap<>();

  @Override
  public synchronized void onAdd(T obj, boolean isInInitialList) {
    events.add("add " + obj.metadata().name() + (isInInitialList ? " initial" : ""));
    state.put(ObjectKey.of(obj), obj);
  }

  @Override
  public synchronized void onUpdate(T oldObj, T newObj) {
    events.add(
        (oldObj == newObj ? "resync " : "update ")
            + newObj.metadata().name()
            + (oldObj == newObj ? "" : " " + oldObj.metadata().resourceVersion() + "->"));
    state.put(ObjectKey.of(newObj), newObj);
  }

  @Override
  public synchronized void onDelete(T obj, boolean finalStateUnknown) {
    events.add("delete " + obj.metadata().name() + (finalStateUnknown ? " unknown" : ""));
    state.remove(ObjectKey.of(obj));
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized List<String> eventsMatching(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
