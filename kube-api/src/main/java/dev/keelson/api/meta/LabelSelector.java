package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * A label selector as written in objects ({@code metav1.LabelSelector}). All of {@code matchLabels}
 * and {@code matchExpressions} must hold. An empty selector matches everything; a {@code null}
 * selector (where a field is absent) matches nothing.
 */
@KubeModel
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions)
    implements LabelSelectorBuilder.With {
  public LabelSelector {
    matchLabels = Immutable.map(matchLabels);
    matchExpressions = Immutable.list(matchExpressions);
  }

  /** A selector of exact label matches. */
  public static LabelSelector matching(Map<String, String> labels) {
    return new LabelSelector(labels, List.of());
  }
}
