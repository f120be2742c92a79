package dev.keelson.controller.informer;

import static dev.keelson.controller.informer.Recorder.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.controller.cache.ObjectKey;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The per-handler buffer, driven directly so that the handler's lag is the test's to choose. */
class HandlerQueueTest {
  private static ConfigMap cm(String name, String uid, String rv) {
    return new ConfigMap(
        "v1",
        "ConfigMap",
        ObjectMetaBuilder.builder().namespace("ns").name(name).uid(uid).resourceVersion(rv).build(),
        null,
        Map.of(),
        null);
  }

  /** A recorder whose first notification waits for {@code release}, so that others pile up. */
  private static Recorder<ConfigMap> blockedOnFirst(CountDownLatch inside, CountDownLatch release) {
    return new Recorder<>() {
      @Override
      public void onAdd(ConfigMap obj, boolean initial) {
        if (inside.getCount() > 0) {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        super.onAdd(obj, initial);
      }
    };
  }

  @Test
  void anObjectAddedAndDeletedWhileTheHandlerLaggedIsStillReportedGone() throws Exception {
    // A controller that created an object and must make it again when it is deleted (the default
    // ServiceAccount of a namespace, a ReplicaSet's pod) hears of the deletion even when it had not
    // yet taken the add: otherwise nothing queues its reconcile, and the object stays missing.
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Recorder<ConfigMap> rec = blockedOnFirst(inside, release);
    HandlerQueue<ConfigMap> q = new HandlerQueue<>(rec, new LongAdder(), "test handler");
    q.start();
    try {
      q.add(cm("busy", "u0", "1"), false);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      ConfigMap y = cm("y", "u1", "2");
      q.add(y, false);
      q.delete(cm("y", "u1", "3"), false);
      release.countDown();
      await("delivered", () -> q.pending() == 0 && rec.events().size() == 3);
      assertThat(rec.events()).containsExactly("add busy", "add y", "delete y");
      assertThat(rec.state).doesNotContainKey(ObjectKey.of(y));
    } finally {
      q.close();
    }
  }
}
