package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import java.util.List;

/** Toleration matching as {@code v1.Toleration.ToleratesTaint}. */
public final class Tolerations {
  private Tolerations() {}

  /** Whether {@code toleration} tolerates {@code taint}. */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.effect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    String key = toleration.key() == null ? "" : toleration.key();
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    String op = toleration.operator();
    if ("Exists".equals(op)) {
      return true;
    }
    if (op == null || op.isEmpty() || "Equal".equals(op)) {
      String v = toleration.value() == null ? "" : toleration.value();
      String tv = taint.value() == null ? "" : taint.value();
      return !key.isEmpty() && v.equals(tv);
    }
    return false;
  }

  /** Whether any of {@code tolerations} tolerates {@code taint}. */
  public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }
}
