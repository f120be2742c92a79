package dev.keelson.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceTrackerTest {
  private static EndpointSlice slice(String name, long rv) {
    return new EndpointSlice(
        null,
        null,
        ObjectMetaBuilder.builder()
            .namespace("ns")
            .name(name)
            .resourceVersion(Long.toString(rv))
            .build(),
        "IPv4",
        List.of(),
        List.of());
  }

  @Test
  void aWriteIsWaitedForUntilTheCacheShowsIt() {
    SliceTracker t = new SliceTracker();
    t.wrote("ns/web", slice("web-1", 10));
    assertThat(t.upToDate("ns/web", List.of(), 9)).as("not in the cache yet").isFalse();
    assertThat(t.upToDate("ns/web", List.of(slice("web-1", 7)), 9)).as("older").isFalse();
    assertThat(t.upToDate("ns/web", List.of(slice("web-1", 10)), 10)).isTrue();
  }

  @Test
  void aWrittenSliceDeletedBeforeAReconcileSawItIsNotWaitedForForever() {
    // The controller updated a slice; before a reconcile saw the update, the slice was deleted (the
    // garbage collector after its Service, or a user). The cache, past the write, will never show
    // it again: waiting for it would stop the Service's slices for good (a Service made again
    // under the same name would get none).
    SliceTracker t = new SliceTracker();
    t.wrote("ns/web", slice("web-1", 10));
    assertThat(t.upToDate("ns/web", List.of(), 12)).isTrue();
    assertThat(t.upToDate("ns/web", List.of(), 0)).as("forgotten").isTrue();
  }

  @Test
  void aDeletionIsWaitedForUntilTheSliceLeavesTheCache() {
    SliceTracker t = new SliceTracker();
    t.deleted("ns/web", slice("web-1", 10));
    assertThat(t.upToDate("ns/web", List.of(slice("web-1", 10)), 20)).isFalse();
    assertThat(t.upToDate("ns/web", List.of(), 20)).isTrue();
  }
}
