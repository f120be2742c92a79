package dev.keelson.node.internal;

import dev.keelson.controller.time.Clock;
import dev.keelson.node.spi.ContainerInfo;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the agent remembers of one container of a pod across its instances. Guarded by the owning
 * {@link PodRecord}'s monitor.
 */
final class ContainerRecord {
  final String name;
  final boolean init;

  /** An ephemeral container: started once, never restarted, never probed, never ready. */
  final boolean ephemeral;

  /** The current instance's id, null before the first create. */
  String containerId;

  /** The current instance's latest runtime status. */
  ContainerInfo current;

  /** The previous instance's final status (the API's lastState), null if none. */
  ContainerInfo previous;

  int restartCount;

  /** Why the container is waiting (CrashLoopBackOff, CreateContainerError...), null if not. */
  String waitingReason;

  String waitingMessage;

  /** The startup probe succeeded (or there is none) for the current instance. */
  boolean started;

  /** The readiness probe's verdict for the current instance. */
  boolean ready;

  /** Set when a probe decided the current instance must be killed: the message to record. */
  String killMessage;

  /** A kill of the current instance is in flight. */
  boolean stopping;

  /** The probe workers of the current instance, by type. */
  final Map<dev.keelson.node.spi.ProbeType, ProbeWorker> probes =
      new EnumMap<>(dev.keelson.node.spi.ProbeType.class);

  /** A timer that resyncs the pod when a backoff ends. */
  Clock.Timer backoffTimer;

  ContainerRecord(String name, boolean init) {
    this(name, init, false);
  }

  ContainerRecord(String name, boolean init, boolean ephemeral) {
    this.name = name;
    this.init = init;
    this.ephemeral = ephemeral;
  }

  void stopProbes() {
    for (ProbeWorker w : probes.values()) {
      w.stop();
    }
    probes.clear();
  }
}
