package dev.keelson.controllers.testing;

import dev.keelson.api.KubeList;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchOptions;
import dev.keelson.controllers.support.Pods;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Watches the pods of a namespace and checks an invariant after EVERY change the API server makes
 * (each watch event is one state of the store), recording the states that break it.
 */
public final class PodObserver implements AutoCloseable {
  private final Map<String, Pod> pods = new LinkedHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Function<List<Pod>, String> invariant;
  private final Watch watch;
  private int events;

  /**
   * Observes {@code namespace}; {@code invariant} gets every pod after each event and returns a
   * description of what is wrong, or null.
   */
  public PodObserver(KubeClient client, String namespace, Function<List<Pod>, String> invariant) {
    this.invariant = invariant;
    Resources<Pod> api = client.resources(Pod.class).inNamespace(namespace);
    KubeList<Pod> list = api.list(ListOptions.none());
    synchronized (this) {
      list.items().forEach(p -> pods.put(p.metadata().name(), p));
      check();
    }
    this.watch =
        api.watch(
            WatchOptions.builder().resourceVersion(list.metadata().resourceVersion()).build(),
            this::onEvent);
  }

  private synchronized void onEvent(WatchEvent<Pod> e) {
    if (e.object() == null || e.object().metadata() == null) {
      return;
    }
    String name = e.object().metadata().name();
    switch (e.type()) {
      case WatchEvent.ADDED, WatchEvent.MODIFIED -> pods.put(name, e.object());
      case WatchEvent.DELETED -> pods.remove(name);
      default -> {
        return;
      }
    }
    events++;
    check();
  }

  private void check() {
    String v = invariant.apply(List.copyOf(pods.values()));
    if (v != null) {
      violations.add("after event " + events + ": " + v);
    }
  }

  /** The states that broke the invariant. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** How many changes were checked. */
  public synchronized int events() {
    return events;
  }

  /** Active pods (not terminal, not being deleted) among {@code pods}. */
  public static long active(List<Pod> pods) {
    return pods.stream().filter(Pods::isActive).count();
  }

  /** Active Ready pods among {@code pods}. */
  public static long ready(List<Pod> pods) {
    return pods.stream().filter(p -> Pods.isActive(p) && Pods.isReady(p)).count();
  }

  @Override
  public void close() {
    watch.close();
  }
}
