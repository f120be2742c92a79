package dev.keelson.api.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Looks up the element of a list that has a given name (containers, ports, volumes, ...).
 *
 * <p>Public only because records in several packages use it; it is not part of Keelson's API.
 */
public final class Named {
  private Named() {}

  /**
   * The first element of {@code items} whose {@code name} is {@code wanted}, or {@code null} if
   * there is none or {@code wanted} is {@code null}.
   */
  public static <T> T find(List<T> items, Function<? super T, String> name, String wanted) {
    if (wanted == null) {
      return null;
    }
    for (T item : items) {
      if (Objects.equals(wanted, name.apply(item))) {
        return item;
      }
    }
    return null;
  }
}
