package dev.keelson.store.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.store.CompactedException;
import dev.keelson.store.Keys;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Automatic compaction of the embedded engine by revision count and by age (fake clock). */
class HistoryWindowTest {
  private static final byte[] KEY = Keys.utf8("/registry/a");

  @Test
  void historyBeyondTheRevisionWindowIsCompactedAutomatically() {
    try (Store s =
        Stores.open(
            StoreConfig.builder("memory:")
                .historyRevisions(100)
                .historyRetention(Duration.ZERO)
                .build())) {
      for (int i = 0; i < 1000; i++) {
        s.put(KEY, Keys.utf8("v" + i));
      }
      long current = s.currentRevision();
      assertThat(s.get(KEY, current - 100)).isPresent();
      assertThatThrownBy(() -> s.get(KEY, current - 200))
          .isInstanceOfSatisfying(
              CompactedException.class,
              e -> assertThat(e.compactedRevision()).isBetween(current - 200, current - 100));
    }
  }

  @Test
  void historyOlderThanTheRetentionIsCompactedAutomatically() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    try (Store s =
        Stores.open(
            StoreConfig.builder("memory:")
                .historyRevisions(0)
                .historyRetention(Duration.ofMinutes(5))
                .clock(clock)
                .build())) {
      long old = s.put(KEY, Keys.utf8("old"));
      s.put(KEY, Keys.utf8("old2"));
      now.set(now.get().plus(Duration.ofMinutes(4)));
      long recent = s.put(KEY, Keys.utf8("recent"));
      assertThat(s.get(KEY, old)).as("4 minutes is within retention").isPresent();
      now.set(now.get().plus(Duration.ofMinutes(2)));
      s.put(KEY, Keys.utf8("trigger"));
      assertThatThrownBy(() -> s.get(KEY, old)).isInstanceOf(CompactedException.class);
      assertThat(s.get(KEY, recent).orElseThrow().valueString()).isEqualTo("recent");
    }
  }
}
