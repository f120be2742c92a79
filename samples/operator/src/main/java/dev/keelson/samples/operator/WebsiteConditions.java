package dev.keelson.samples.operator;

import dev.keelson.api.meta.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition types and reasons the operator writes, and how it sets one (as apimachinery's
 * {@code meta.SetStatusCondition}: {@code lastTransitionTime} changes only when the status does).
 */
public final class WebsiteConditions {
  private WebsiteConditions() {}

  /** Every replica runs the current spec and is ready. */
  public static final String READY = "Ready";

  /** The Deployment is moving towards the spec (rolling out, scaling, starting). */
  public static final String PROGRESSING = "Progressing";

  /** Ready=True: every replica is ready. */
  public static final String REASON_AVAILABLE = "Available";

  /** Ready=False: some replicas are not ready yet. */
  public static final String REASON_REPLICAS_NOT_READY = "ReplicasNotReady";

  /** Progressing=True: the Deployment is rolling out the current spec. */
  public static final String REASON_ROLLING_OUT = "RollingOut";

  /** Progressing=False: the rollout of the current spec is complete. */
  public static final String REASON_ROLLOUT_COMPLETE = "RolloutComplete";

  /** Both False: the spec is invalid; nothing was changed. */
  public static final String REASON_INVALID_SPEC = "InvalidSpec";

  /** Both False: an object of the Website's name exists and belongs to someone else. */
  public static final String REASON_RESOURCE_CONFLICT = "ResourceConflict";

  /**
   * {@code conditions} with {@code next} set: added, or replacing the condition of its type. When
   * the status is unchanged the old {@code lastTransitionTime} is kept; otherwise it is {@code
   * now}.
   */
  public static List<Condition> set(List<Condition> conditions, Condition next, Instant now) {
    List<Condition> out = new ArrayList<>();
    boolean found = false;
    for (Condition c : conditions) {
      if (!c.type().equals(next.type())) {
        out.add(c);
        continue;
      }
      found = true;
      Instant transition =
          c.status().equals(next.status()) && c.lastTransitionTime() != null
              ? c.lastTransitionTime()
              : now;
      out.add(next.withLastTransitionTime(transition));
    }
    if (!found) {
      out.add(next.withLastTransitionTime(now));
    }
    return out;
  }

  /** A condition without a transition time (set by {@link #set}). */
  public static Condition of(
      String type, boolean status, long observedGeneration, String reason, String message) {
    return new Condition(
        type, status ? "True" : "False", observedGeneration, null, reason, message);
  }
}
