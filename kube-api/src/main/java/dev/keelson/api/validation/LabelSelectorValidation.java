package dev.keelson.api.validation;

import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.LabelSelectorRequirement;
import dev.keelson.api.selector.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selectors of workloads, after apimachinery's {@code ValidateLabelSelector}, and the rule
 * every workload shares: its selector must match its pod template's labels.
 */
final class LabelSelectorValidation {
  static final String DOES_NOT_MATCH = "`selector` does not match template `labels`";

  private LabelSelectorValidation() {}

  /** A selector's match labels and expressions. */
  static List<FieldError> validate(LabelSelector selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null) {
      return errs;
    }
    errs.addAll(
        ObjectMetaValidation.validateLabels(selector.matchLabels(), path.child("matchLabels")));
    for (int i = 0; i < selector.matchExpressions().size(); i++) {
      LabelSelectorRequirement r = selector.matchExpressions().get(i);
      FieldPath at = path.child("matchExpressions").index(i);
      String op = r.operator() == null ? "" : r.operator();
      switch (op) {
        case "In", "NotIn" -> {
          if (r.values().isEmpty()) {
            errs.add(
                FieldError.required(
                    at.child("values").toString(),
                    "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!r.values().isEmpty()) {
            errs.add(
                FieldError.forbidden(
                    at.child("values").toString(),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default ->
            errs.add(
                FieldError.invalid(
                    at.child("operator").toString(), op, "not a valid selector operator"));
      }
      errs.addAll(Names.validateQualifiedName(r.key() == null ? "" : r.key(), at.child("key")));
    }
    return errs;
  }

  /**
   * A workload's selector: required, not empty ({@code empty selector is invalid for <what>}),
   * valid, and matching the template's labels (reported at {@code templateLabels}).
   */
  static List<FieldError> workload(
      LabelSelector selector,
      Map<String, String> templateLabels,
      FieldPath path,
      FieldPath templateLabelsPath,
      String what) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null) {
      errs.add(FieldError.required(path.toString(), ""));
      return errs;
    }
    errs.addAll(validate(selector, path));
    if (selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
      errs.add(
          FieldError.invalid(path.toString(), selector, "empty selector is invalid for " + what));
      return errs;
    }
    errs.addAll(matchesTemplate(selector, templateLabels, templateLabelsPath));
    return errs;
  }

  /**
   * A job's selector: required and matching the template's labels; an empty selector is allowed
   * (Kubernetes generates the selector of jobs that do not ask for a manual one).
   */
  static List<FieldError> workloadAllowingEmpty(
      LabelSelector selector,
      Map<String, String> templateLabels,
      FieldPath path,
      FieldPath templateLabelsPath) {
    if (selector == null) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    List<FieldError> errs = new ArrayList<>(validate(selector, path));
    errs.addAll(matchesTemplate(selector, templateLabels, templateLabelsPath));
    return errs;
  }

  /** The selector must select the template's labels. */
  static List<FieldError> matchesTemplate(
      LabelSelector selector, Map<String, String> templateLabels, FieldPath templateLabelsPath) {
    Selector s;
    try {
      s = Selector.fromLabelSelector(selector);
    } catch (IllegalArgumentException e) {
      return List.of(); // reported by validate
    }
    if (s.matches(templateLabels)) {
      return List.of();
    }
    return List.of(
        FieldError.invalid(templateLabelsPath.toString(), templateLabels, DOES_NOT_MATCH));
  }
}
