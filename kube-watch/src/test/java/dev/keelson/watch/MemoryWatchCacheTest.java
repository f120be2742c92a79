package dev.keelson.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watch cache on the embedded {@code memory:} store. */
class MemoryWatchCacheTest extends WatchCacheContractTest {
  @Override
  protected Store newStore() {
    return Stores.open("memory:");
  }

  @Test
  void losingTheUpstreamWatchRelistsEndsSubscriptionsAndCatchesUp() throws Exception {
    store.close();
    store = Stores.open(StoreConfig.builder("memory:").watchBufferEvents(2).build());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WatchCache cache =
        cache(
            b ->
                b.fields(
                    o -> {
                      if (o.metadata().name().equals("blocker")) {
                        entered.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                      return Map.of();
                    }));
    RecordingSink sink = new RecordingSink();
    Subscription s = cache.subscribe(WatchOptions.all(), sink);
    put("default", "blocker", Map.of());
    assertThat(entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // The dispatcher is stuck: the store's bounded watch buffer overflows and ends the watch.
    for (int i = 0; i < 10; i++) {
      put("default", "p-" + i, Map.of());
    }
    long last = put("default", "p-last", Map.of());
    release.countDown();
    assertThat(failureOf(s)).as("ended normally, to resume from its last version").isNull();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (cache.metrics().relists() == 0 || cache.revision() < last) {
      assertThat(System.nanoTime()).as("relist").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(cache.list(ListOptions.all()).items()).hasSize(12);
    RecordingSink after = new RecordingSink();
    cache.subscribe(WatchOptions.all(), after);
    long next = put("default", "after", Map.of());
    assertThat(after.awaitRevision(next, Duration.ofSeconds(30))).hasSize(1);
  }
}
