package dev.keelson.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PersistentMapTest {
  @Test
  void behavesLikeATreeMapAndOldVersionsNeverChange() {
    Random random = new Random(42);
    TreeMap<String, Integer> model = new TreeMap<>();
    PersistentMap<Integer> map = PersistentMap.empty();
    List<PersistentMap<Integer>> versions = new ArrayList<>();
    List<TreeMap<String, Integer>> models = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String key = "k" + random.nextInt(500);
      if (random.nextInt(4) == 0) {
        model.remove(key);
        map = map.remove(key);
      } else {
        model.put(key, i);
        map = map.put(key, i);
      }
      if (i % 250 == 0) {
        versions.add(map);
        models.add(new TreeMap<>(model));
      }
    }
    assertThat(values(map.valuesAfter(null))).containsExactlyElementsOf(model.values());
    for (int v = 0; v < versions.size(); v++) {
      assertThat(versions.get(v).size()).isEqualTo(models.get(v).size());
      assertThat(values(versions.get(v).valuesAfter(null)))
          .containsExactlyElementsOf(models.get(v).values());
    }
    assertThat(values(map.valuesAfter("k2")))
        .containsExactlyElementsOf(model.tailMap("k2", false).values());
    assertThat(values(map.valuesFrom("k3")))
        .containsExactlyElementsOf(model.tailMap("k3", true).values());
    for (String k : List.of("k1", "k77", "k499", "missing")) {
      assertThat(map.get(k)).isEqualTo(model.get(k));
    }
  }

  private static List<Integer> values(Iterator<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
