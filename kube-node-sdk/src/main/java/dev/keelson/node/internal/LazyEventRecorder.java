package dev.keelson.node.internal;

import dev.keelson.api.KubernetesObject;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.events.EventType;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.time.Clock;

/**
 * The agent's event recorder ({@code source.component: kubelet}, {@code host: <node>}), made on the
 * first event, so that agents that never record one (a thousand idle simulated nodes) hold no
 * writer thread.
 */
final class LazyEventRecorder implements EventRecorder, AutoCloseable {
  private final KubeClient client;
  private final String host;
  private final Clock clock;
  private KubeEventRecorder recorder; // guarded by this
  private boolean closed; // guarded by this

  LazyEventRecorder(KubeClient client, String host, Clock clock) {
    this.client = client;
    this.host = host;
    this.clock = clock;
  }

  @Override
  public void event(KubernetesObject object, EventType type, String reason, String message) {
    KubeEventRecorder r;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (recorder == null) {
        recorder = KubeEventRecorder.builder(client, "kubelet").host(host).clock(clock).build();
      }
      r = recorder;
    }
    r.event(object, type, reason, message);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (recorder != null) {
      recorder.close();
    }
  }
}
