package dev.keelson.store.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static Commit commit(long rev) {
    return new Commit(rev, rev * 10, List.of());
  }

  @Test
  void findsEveryRetainedRevisionAcrossWrapsGrowthAndShrinking() {
    History h = new History();
    long first = 1;
    for (long rev = 1; rev <= 50_000; rev++) {
      h.append(commit(rev));
      // No compaction for the first 25,000 revisions (the ring grows past several capacities),
      // then a short window (it shrinks again).
      if (rev > 25_000 && rev - first > 700) {
        first = rev - 100;
        h.dropBelow(first, c -> {});
      }
    }
    for (long rev = 1; rev <= 50_000; rev++) {
      Commit c = h.get(rev);
      if (rev >= first) {
        assertThat(c).as("revision %d", rev).isNotNull();
        assertThat(c.revision()).isEqualTo(rev);
      } else {
        assertThat(c).as("dropped revision %d", rev).isNull();
      }
    }
  }

  @Test
  void dropBelowHandsOverTheDroppedCommitsOldestFirstAndSkipsGaps() {
    History h = new History();
    for (long rev : new long[] {5, 6, 8, 9, 12}) {
      h.append(commit(rev));
    }
    assertThat(h.get(7)).isNull();
    assertThat(h.get(8).revision()).isEqualTo(8);
    List<Long> dropped = new ArrayList<>();
    h.dropBelow(9, c -> dropped.add(c.revision()));
    assertThat(dropped).containsExactly(5L, 6L, 8L);
    assertThat(h.get(8)).isNull();
    List<Long> left = new ArrayList<>();
    h.forEachFrom(c -> left.add(c.revision()) && true);
    assertThat(left).containsExactly(9L, 12L);
  }

  @Test
  void emptiedHistoryStartsAgainAtTheNextAppend() {
    History h = new History();
    h.append(commit(1));
    h.dropBelow(5, c -> {});
    h.append(commit(7));
    assertThat(h.get(1)).isNull();
    assertThat(h.get(7).revision()).isEqualTo(7);
  }
}
