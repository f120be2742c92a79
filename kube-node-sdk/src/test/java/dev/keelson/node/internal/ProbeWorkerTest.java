package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.json.KubeJson;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.spi.ProbeType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeWorkerTest {
  @Test
  void aProbesTimerDoesNotWaitForThePodsLock() throws Exception {
    FakeClock clock = new FakeClock();
    Instant t0 = clock.instant();
    Pod pod =
        KubeJson.decodeYaml(
            "metadata: {name: p, namespace: ns, uid: u}\n"
                + "spec: {containers: [{name: app, image: nginx}]}",
            Pod.class);
    PodRecord rec = new PodRecord("u", pod);
    ContainerRecord cr = new ContainerRecord("app", false);
    cr.containerId = "replaced"; // the worker's instance is gone: its probes end before probing
    Probe probe = KubeJson.decodeYaml("exec: {command: ['true']}\nperiodSeconds: 10", Probe.class);
    ProbeWorker w = new ProbeWorker(null, rec, cr, "old", ProbeType.LIVENESS, probe);
    synchronized (rec) {
      w.start(clock, t0);
    }
    // A sync holds the pod's lock (pulling an image, say) while the clock's timers run.
    try (HeldMonitor sync = HeldMonitor.of(rec)) {
      CompletableFuture<Void> advanced =
          CompletableFuture.runAsync(() -> clock.advance(Duration.ofSeconds(20)));
      advanced.get(5, TimeUnit.SECONDS);
      assertThat(clock.pendingDueTimes()).as("the period kept").containsExactly(t0.plusSeconds(30));
    }
    synchronized (rec) {
      w.stop();
    }
    assertThat(clock.pendingTimers()).isZero();
  }
}
