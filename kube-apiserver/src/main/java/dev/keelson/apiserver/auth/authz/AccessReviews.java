package dev.keelson.apiserver.auth.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.rbac.v1.PolicyRule;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.auth.authn.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The access reviews of {@code authorization.k8s.io/v1}: SelfSubjectAccessReview ({@code kubectl
 * auth can-i}), SubjectAccessReview (for any user) and SelfSubjectRulesReview ({@code kubectl auth
 * can-i --list}). Each answers the posted object with its {@code status} filled in.
 */
public final class AccessReviews {
  private static final String GROUP = "authorization.k8s.io";
  private final Authorizer authorizer;
  private final BiFunction<UserInfo, String, List<PolicyRule>> rules;

  /**
   * @param rules the rules of a user in a namespace, or {@code null} when the authorizer cannot
   *     list them (the rules review then answers {@code incomplete})
   */
  public AccessReviews(
      Authorizer authorizer, BiFunction<UserInfo, String, List<PolicyRule>> rules) {
    this.authorizer = authorizer;
    this.rules = rules;
  }

  /** Answers a SelfSubjectAccessReview of {@code user}. */
  public ObjectNode selfSubjectAccessReview(ObjectNode review, UserInfo user) {
    return answer(review, user, "SelfSubjectAccessReview");
  }

  /** Answers a SubjectAccessReview: the spec names the user. */
  public ObjectNode subjectAccessReview(ObjectNode review) {
    JsonNode spec = review.path("spec");
    String name = spec.path("user").asText("");
    List<String> groups = strings(spec.path("groups"));
    if (name.isEmpty() && groups.isEmpty()) {
      throw InvalidException.of(
          new GroupVersionKind(GROUP, "v1", "SubjectAccessReview"),
          "",
          List.of(
              FieldError.required("spec.user", "at least one of user or group must be specified")));
    }
    Map<String, List<String>> extra = new HashMap<>();
    spec.path("extra").properties().forEach(e -> extra.put(e.getKey(), strings(e.getValue())));
    UserInfo user = new UserInfo(name, spec.path("uid").asText(""), groups, extra);
    return answer(review, user, "SubjectAccessReview");
  }

  private ObjectNode answer(ObjectNode review, UserInfo user, String kind) {
    JsonNode spec = review.path("spec");
    JsonNode ra = spec.path("resourceAttributes");
    JsonNode na = spec.path("nonResourceAttributes");
    RequestInfo info;
    if (ra.isObject() == na.isObject()) {
      throw InvalidException.of(
          new GroupVersionKind(GROUP, "v1", kind),
          "",
          List.of(
              FieldError.invalid(
                  "spec.resourceAttributes",
                  null,
                  "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
    }
    if (ra.isObject()) {
      info =
          new RequestInfo(
              true,
              "",
              ra.path("verb").asText(""),
              ra.path("group").asText(""),
              ra.path("version").asText(""),
              ra.path("namespace").asText(""),
              ra.path("resource").asText(""),
              ra.path("subresource").asText(""),
              ra.path("name").asText(""));
    } else {
      info =
          new RequestInfo(
              false,
              na.path("path").asText(""),
              na.path("verb").asText(""),
              "",
              "",
              "",
              "",
              "",
              "");
    }
    Decision d = authorizer.authorize(new Attributes(user, info));
    ObjectNode out = review.deepCopy();
    out.put("apiVersion", GROUP + "/v1");
    out.put("kind", kind);
    ObjectNode status = out.putObject("status");
    status.put("allowed", d.allowed());
    if (d.kind() == Decision.Kind.DENY) {
      status.put("denied", true);
    }
    if (!d.reason().isEmpty()) {
      status.put("reason", d.reason());
    }
    return out;
  }

  /** Answers a SelfSubjectRulesReview: the user's rules in {@code spec.namespace}. */
  public ObjectNode selfSubjectRulesReview(ObjectNode review, UserInfo user) {
    String ns = review.path("spec").path("namespace").asText("");
    ObjectNode out = review.deepCopy();
    out.put("apiVersion", GROUP + "/v1");
    out.put("kind", "SelfSubjectRulesReview");
    ObjectNode status = out.putObject("status");
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    if (rules == null) {
      status.put("incomplete", true);
      status.put("evaluationError", "the authorizer cannot list rules");
      return out;
    }
    List<PolicyRule> all = new ArrayList<>(rules.apply(user, ns));
    for (PolicyRule r : all) {
      if (!r.resources().isEmpty()) {
        ObjectNode o = resourceRules.addObject();
        array(o, "verbs", r.verbs());
        array(o, "apiGroups", r.apiGroups());
        array(o, "resources", r.resources());
        if (!r.resourceNames().isEmpty()) {
          array(o, "resourceNames", r.resourceNames());
        }
      }
      if (!r.nonResourceURLs().isEmpty()) {
        ObjectNode o = nonResourceRules.addObject();
        array(o, "verbs", r.verbs());
        array(o, "nonResourceURLs", r.nonResourceURLs());
      }
    }
    status.put("incomplete", false);
    return out;
  }

  private static void array(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }
}
