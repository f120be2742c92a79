package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Taints and tolerations, matched as Kubernetes' {@code Toleration.ToleratesTaint} does. */
public final class Taints {
  /** Effect that repels new pods. */
  public static final String NO_SCHEDULE = "NoSchedule";

  /** Effect that evicts running pods that do not tolerate it. */
  public static final String NO_EXECUTE = "NoExecute";

  private Taints() {}

  /**
   * Whether {@code toleration} tolerates {@code taint}: same effect (or the toleration names none),
   * same key (or the toleration names none, with operator {@code Exists}), and operator {@code
   * Exists} or an equal value.
   */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.effect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    String key = toleration.key();
    if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    String op = toleration.operator();
    if ("Exists".equals(op)) {
      return true;
    }
    if (op == null || op.isEmpty() || "Equal".equals(op)) {
      return Objects.equals(emptyToNull(toleration.value()), emptyToNull(taint.value()));
    }
    return false;
  }

  /** The tolerations of {@code tolerations} that tolerate {@code taint}. */
  public static List<Toleration> tolerating(List<Toleration> tolerations, Taint taint) {
    List<Toleration> out = new ArrayList<>();
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether {@code taints} holds a taint with this key and effect. */
  public static boolean has(List<Taint> taints, String key, String effect) {
    for (Taint t : taints) {
      if (key.equals(t.key()) && effect.equals(t.effect())) {
        return true;
      }
    }
    return false;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
