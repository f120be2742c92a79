package dev.keelson.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ForbiddenException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlowStartTest {
  @Test
  void runsBatchesOfOneTwoFourUntilAFailure() {
    AtomicInteger calls = new AtomicInteger();
    SlowStart.Outcome o =
        SlowStart.run(
            20,
            () -> {
              if (calls.incrementAndGet() > 3) {
                throw ForbiddenException.of(GroupResource.of("", "pods"), "x", "quota");
              }
            });
    // batches 1 and 2 succeed; the batch of 4 fails, and nothing after it is tried
    assertThat(o.successes()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(7);
    assertThat(o.error()).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void allSucceedWithoutFailures() {
    AtomicInteger calls = new AtomicInteger();
    SlowStart.Outcome o = SlowStart.run(10, calls::incrementAndGet);
    assertThat(o.successes()).isEqualTo(10);
    assertThat(calls.get()).isEqualTo(10);
    assertThat(o.error()).isNull();
  }
}
