package dev.keelson.node.internal;

import dev.keelson.api.KubeList;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchOptions;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.PodHandler;
import dev.keelson.node.PodSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List then watch of one node's pods, relisting when the watch ends. Delivery happens on the list
 * thread or the watch's thread, never both at once (the handler is called under this object's
 * monitor).
 */
public final class WatchPodSource implements PodSource {
  private static final Logger LOG = LoggerFactory.getLogger(WatchPodSource.class);
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final Resources<Pod> pods;
  private final String selector;
  private final Clock clock;
  private final Map<String, Pod> known = new HashMap<>();
  private PodHandler handler;
  private Watch watch;
  private Clock.Timer retry;
  private Duration retryDelay = MIN_RETRY;
  private boolean closed;

  /** A source for {@code nodeName}'s pods. */
  public WatchPodSource(KubeClient client, String nodeName, Clock clock) {
    this.pods = client.resources(Pod.class).inAnyNamespace();
    this.selector = "spec.nodeName=" + nodeName;
    this.clock = clock;
  }

  @Override
  public void start(PodHandler handler) {
    synchronized (this) {
      this.handler = handler;
    }
    Thread.ofVirtual().name("pods " + selector).start(this::listAndWatch);
  }

  private void listAndWatch() {
    try {
      KubeList<Pod> list = pods.list(ListOptions.builder().fieldSelector(selector).build());
      synchronized (this) {
        if (closed) {
          return;
        }
        Set<String> seen = new HashSet<>();
        for (Pod p : list.items()) {
          String k = key(p);
          seen.add(k);
          Pod before = known.put(k, p);
          if (before != null && !Objects.equals(uid(before), uid(p))) {
            // Deleted and created again under the same name while the watch was down: the old
            // pod is gone as surely as one missing from the list.
            handler.podRemoved(before);
          }
          handler.podUpdated(p);
        }
        for (var it = known.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          if (!seen.contains(e.getKey())) {
            it.remove();
            handler.podRemoved(e.getValue());
          }
        }
      }
      Watch w =
          pods.watch(
              WatchOptions.builder()
                  .fieldSelector(selector)
                  .resourceVersion(list.metadata().resourceVersion())
                  .allowBookmarks(true)
                  .build(),
              this::onEvent);
      synchronized (this) {
        if (closed) {
          w.close();
          return;
        }
        watch = w;
        retryDelay = MIN_RETRY;
      }
      w.terminated().whenComplete((v, e) -> relistLater(e));
    } catch (RuntimeException e) {
      relistLater(e);
    }
  }

  private synchronized void onEvent(WatchEvent<Pod> event) {
    if (closed || event.object() == null || event.object().metadata() == null) {
      return;
    }
    Pod p = event.object();
    switch (event.type()) {
      case "ADDED", "MODIFIED" -> {
        known.put(key(p), p);
        handler.podUpdated(p);
      }
      case "DELETED" -> {
        known.remove(key(p));
        handler.podRemoved(p);
      }
      default -> {}
    }
  }

  private synchronized void relistLater(Throwable cause) {
    if (closed) {
      return;
    }
    if (cause != null) {
      LOG.debug("pod watch for {} ended: {}", selector, cause.toString());
    }
    Duration d = retryDelay;
    retryDelay =
        retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0
            ? MAX_RETRY
            : retryDelay.multipliedBy(2);
    // A watch that ended normally (server timeout) reconnects at once.
    retry =
        clock.schedule(
            cause == null ? Duration.ZERO : d,
            () -> Thread.ofVirtual().name("pods " + selector).start(this::listAndWatch));
  }

  @Override
  public void close() {
    Watch w;
    synchronized (this) {
      closed = true;
      w = watch;
      if (retry != null) {
        retry.cancel();
      }
    }
    if (w != null) {
      w.close();
    }
  }

  private static String key(Pod p) {
    return p.metadata().namespace() + "/" + p.metadata().name();
  }

  private static String uid(Pod p) {
    return p.metadata().uid();
  }
}
