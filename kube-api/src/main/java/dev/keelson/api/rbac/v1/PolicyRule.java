package dev.keelson.api.rbac.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * A rule of a role: the verbs it allows on resources or non-resource URLs.
 *
 * @param verbs the verbs allowed ({@code get}, {@code list}, {@code *}, ...); required
 * @param apiGroups the API groups of the resources ({@code ""} for the core group)
 * @param resourceNames names of objects the rule is limited to; empty for all
 * @param nonResourceURLs URL paths ({@code /healthz}, {@code /api/*}) the rule allows; only in
 *     cluster roles
 */
@KubeModel
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs)
    implements PolicyRuleBuilder.With {
  public PolicyRule {
    verbs = Immutable.list(verbs);
    apiGroups = Immutable.list(apiGroups);
    resources = Immutable.list(resources);
    resourceNames = Immutable.list(resourceNames);
    nonResourceURLs = Immutable.list(nonResourceURLs);
  }
}
