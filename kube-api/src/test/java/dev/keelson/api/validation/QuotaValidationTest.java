package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.LimitRange;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ResourceQuota and LimitRange validation, with Kubernetes' paths and messages. */
class QuotaValidationTest {
  private static List<String> quota(String spec) {
    ResourceQuota q =
        KubeJson.decodeYaml("metadata: {name: q}\nspec: {" + spec + "}", ResourceQuota.class);
    return QuotaValidation.resourceQuota(q).stream().map(FieldError::toString).toList();
  }

  private static List<String> limits(String items) {
    LimitRange l =
        KubeJson.decodeYaml(
            "metadata: {name: l}\nspec: {limits: [" + items + "]}", LimitRange.class);
    return QuotaValidation.limitRange(l).stream().map(FieldError::toString).toList();
  }

  @Test
  void hardLimitsNameQuotaResourcesWithNonNegativeValues() {
    assertThat(
            quota(
                "hard: {pods: '10', requests.cpu: 1500m, limits.memory: 1Gi,"
                    + " count/deployments.apps: '3', requests.hugepages-2Mi: 1Gi}"))
        .isEmpty();
    assertThat(quota("hard: {pods: '-1'}"))
        .containsExactly(
            "spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0");
    assertThat(quota("hard: {secrets: 1500m}"))
        .containsExactly("spec.hard[secrets]: Invalid value: \"1500m\": must be an integer");
    assertThat(quota("hard: {storage: 1Gi}"))
        .containsExactly(
            "spec.hard[storage]: Invalid value: \"storage\": must be a standard resource for quota");
    assertThat(quota("hard: {widgets: '1'}"))
        .containsExactly(
            "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource type or"
                + " fully qualified",
            "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource for quota");
  }

  @Test
  void hardValuesMustBeQuantities() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                KubeJson.decodeYaml(
                    "metadata: {name: q}\nspec: {hard: {pods: lots}}", ResourceQuota.class))
        .hasMessageContaining("spec.hard");
  }

  @Test
  void scopesAreKnownAndDoNotConflict() {
    assertThat(quota("hard: {pods: '1'}, scopes: [BestEffort]")).isEmpty();
    assertThat(quota("scopes: [Sometimes]"))
        .containsExactly("spec.scopes: Invalid value: [\"Sometimes\"]: unsupported scope");
    assertThat(quota("scopes: [Terminating, NotTerminating]"))
        .containsExactly(
            "spec.scopes: Invalid value: [\"Terminating\",\"NotTerminating\"]: conflicting scopes");
    assertThat(
            quota("scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In}]}"))
        .containsExactly(
            "spec.scopeSelector.matchExpressions[0].values: Required value: must be at least one"
                + " value when `operator` is 'In' or 'NotIn' for scope selector");
  }

  @Test
  void limitTypesAreKnownAndUnique() {
    assertThat(limits("{type: Container, max: {cpu: '2'}}, {type: Pod, max: {cpu: '4'}}"))
        .isEmpty();
    assertThat(limits("{type: Node}"))
        .containsExactly(
            "spec.limits[0].type: Invalid value: \"Node\": must be a standard limit type or fully"
                + " qualified");
    assertThat(limits("{type: Container}, {type: Container}"))
        .containsExactly("spec.limits[1].type: Duplicate value: \"Container\"");
    assertThat(limits("{type: Pod, default: {cpu: '1'}}"))
        .containsExactly(
            "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'");
  }

  @Test
  void minDefaultsAndMaxAreOrdered() {
    assertThat(limits("{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}"))
        .containsExactly(
            "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1");
    assertThat(limits("{type: Container, default: {memory: 2Gi}, max: {memory: 1Gi}}"))
        .containsExactly(
            "spec.limits[0].default[memory]: Invalid value: \"1Gi\": default value 2Gi is greater"
                + " than max value 1Gi");
    assertThat(limits("{type: Container, maxLimitRequestRatio: {cpu: 500m}}"))
        .containsExactly(
            "spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: \"500m\": ratio 500m is less"
                + " than 1");
  }
}
