package dev.keelson.watch;

import java.util.Map;
import java.util.TreeMap;

/** The {@link Selector} implementations that can name a label every match holds. */
final class Predicates {
  private Predicates() {}

  /** A kube-api label selector; {@code required} is one of its exact-match requirements. */
  record Labels(dev.keelson.api.selector.Selector selector, Map.Entry<String, String> required)
      implements Selector {
    @Override
    public boolean matches(Map<String, String> values) {
      return selector.matches(values);
    }

    @Override
    public Map.Entry<String, String> requiredEquality() {
      return required;
    }
  }

  /** Sets holding every entry of {@code required} (not empty). */
  record Equalities(Map<String, String> required) implements Selector {
    @Override
    public boolean matches(Map<String, String> values) {
      for (Map.Entry<String, String> e : required.entrySet()) {
        if (!e.getValue().equals(values.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Map.Entry<String, String> requiredEquality() {
      // The smallest key: the same choice however the map iterates.
      return new TreeMap<>(required).firstEntry();
    }
  }
}
