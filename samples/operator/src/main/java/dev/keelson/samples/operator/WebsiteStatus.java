package dev.keelson.samples.operator;

import dev.keelson.api.meta.Condition;
import java.util.List;

/**
 * What the operator last saw of a {@link Website}.
 *
 * @param observedGeneration the generation of the spec this status describes
 * @param readyReplicas pods of the site's Deployment that are ready
 * @param conditions {@code Ready} and {@code Progressing} (metav1.Condition, each with its
 *     observedGeneration)
 */
public record WebsiteStatus(
    Long observedGeneration, Integer readyReplicas, List<Condition> conditions) {
  public WebsiteStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** The condition of {@code type}, or {@code null}. */
  public Condition condition(String type) {
    for (Condition c : conditions) {
      if (c.type().equals(type)) {
        return c;
      }
    }
    return null;
  }
}
