package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.json.KubeJson;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.scheduling.v1.PriorityClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PodDisruptionBudget and PriorityClass validation, with Kubernetes' paths and messages. */
class PolicyValidationTest {
  private static List<String> pdb(String spec) {
    PodDisruptionBudget p =
        KubeJson.decodeYaml("metadata: {name: p}\nspec: {" + spec + "}", PodDisruptionBudget.class);
    return PolicyValidation.podDisruptionBudget(p).stream().map(FieldError::toString).toList();
  }

  private static PriorityClass pc(String yaml) {
    return KubeJson.decodeYaml(yaml, PriorityClass.class);
  }

  private static List<String> strings(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  @Test
  void minAvailableAndMaxUnavailableAreExclusiveNumbersOrPercentages() {
    assertThat(pdb("minAvailable: 1, selector: {matchLabels: {app: web}}")).isEmpty();
    assertThat(pdb("maxUnavailable: '50%'")).isEmpty();
    assertThat(pdb("minAvailable: 1, maxUnavailable: 1"))
        .singleElement()
        .asString()
        .startsWith("spec: Invalid value: ")
        .endsWith(": minAvailable and maxUnavailable cannot be both set");
    assertThat(pdb("minAvailable: -1"))
        .containsExactly(
            "spec.minAvailable: Invalid value: -1: must be greater than or equal to 0");
    assertThat(pdb("maxUnavailable: '150%'"))
        .containsExactly(
            "spec.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%");
  }

  @Test
  void selectorAndEvictionPolicyAreChecked() {
    assertThat(pdb("selector: {matchExpressions: [{key: app, operator: In}]}"))
        .containsExactly(
            "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                + " `operator` is 'In' or 'NotIn'");
    assertThat(pdb("unhealthyPodEvictionPolicy: Never"))
        .containsExactly(
            "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values:"
                + " \"AlwaysAllow\", \"IfHealthyBudget\"");
  }

  @Test
  void userPriorityClassesStayAtOrBelowOneBillion() {
    assertThat(
            strings(PolicyValidation.priorityClass(pc("metadata: {name: hi}\nvalue: 1000000000"))))
        .isEmpty();
    assertThat(
            strings(PolicyValidation.priorityClass(pc("metadata: {name: hi}\nvalue: 1000000001"))))
        .containsExactly(
            "value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
  }

  @Test
  void systemPrefixIsReservedForTheSystemClasses() {
    assertThat(
            strings(
                PolicyValidation.priorityClass(
                    pc("metadata: {name: system-node-critical}\nvalue: 2000001000"))))
        .isEmpty();
    assertThat(strings(PolicyValidation.priorityClass(pc("metadata: {name: system-x}\nvalue: 1"))))
        .containsExactly(
            "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for"
                + " system use only. error: system-x is not a known system priority class");
    assertThat(
            strings(
                PolicyValidation.priorityClass(
                    pc("metadata: {name: system-cluster-critical}\nvalue: 5"))))
        .containsExactly(
            "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for"
                + " system use only. error: value of system-cluster-critical PriorityClass must be"
                + " always 2000000000");
  }

  @Test
  void preemptionPolicyIsSupportedAndValueAndPolicyAreImmutable() {
    assertThat(
            strings(
                PolicyValidation.priorityClass(
                    pc("metadata: {name: p}\nvalue: 1\npreemptionPolicy: Sometimes"))))
        .containsExactly(
            "preemptionPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"PreemptLowerPriority\", \"Never\"");
    PriorityClass old = pc("metadata: {name: p}\nvalue: 1\npreemptionPolicy: Never");
    assertThat(strings(PolicyValidation.priorityClassUpdate(old.withDescription("d"), old)))
        .isEmpty();
    assertThat(
            strings(
                PolicyValidation.priorityClassUpdate(
                    old.withValue(2).withPreemptionPolicy("PreemptLowerPriority"), old)))
        .containsExactly(
            "value: Forbidden: may not be changed in an update.",
            "preemptionPolicy: Invalid value: \"PreemptLowerPriority\": field is immutable");
  }

  @Test
  void anAbsentValueIsZeroAndAlwaysWritten() {
    PriorityClass p = pc("metadata: {name: p}");
    assertThat(p.value()).isZero();
    assertThat(KubeJson.toTree(p).get("value").asInt()).isZero();
  }
}
