package dev.keelson.controllers.job;

import java.util.Collection;
import java.util.Iterator;
import java.util.TreeSet;

/** The {@code status.completedIndexes} notation of an Indexed job: {@code 1,3-5,7}. */
public final class CompletedIndexes {
  private CompletedIndexes() {}

  /** The indexes in {@code text} that are below {@code completions} (bad parts are skipped). */
  public static TreeSet<Integer> parse(String text, int completions) {
    TreeSet<Integer> out = new TreeSet<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      try {
        int dash = part.indexOf('-');
        int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
        int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
        for (int i = first; i <= last && i < completions; i++) {
          out.add(i);
        }
      } catch (NumberFormatException e) {
        // skip: not written by this controller
      }
    }
    return out;
  }

  /** The notation of {@code indexes}: ascending, runs as {@code first-last}; {@code ""} if none. */
  public static String format(Collection<Integer> indexes) {
    StringBuilder out = new StringBuilder();
    Iterator<Integer> it = new TreeSet<>(indexes).iterator();
    Integer first = null;
    Integer last = null;
    while (true) {
      Integer next = it.hasNext() ? it.next() : null;
      if (next != null && last != null && next == last + 1) {
        last = next;
        continue;
      }
      if (first != null) {
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(first);
        if (!last.equals(first)) {
          out.append('-').append(last);
        }
      }
      if (next == null) {
        return out.toString();
      }
      first = next;
      last = next;
    }
  }
}
