package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupResource;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.registry.ResourceRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apps/v1 spec validation, with Kubernetes' field paths and messages. */
class AppsValidationTest {
  private static final String TEMPLATE =
      "template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}";

  private static List<String> deployment(String spec) {
    return errors("deployments", Deployment.class, spec);
  }

  private static <T extends KubernetesObject> List<String> errors(
      String plural, Class<T> type, String spec) {
    T obj = KubeJson.decodeYaml("metadata: {name: w, namespace: d}\nspec: {" + spec + "}", type);
    return BuiltinValidators.forResource(
            ResourceRegistry.builtins()
                .byGroupResource(GroupResource.of("apps", plural))
                .orElseThrow())
        .validate(obj)
        .stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void aTypicalDeploymentIsValid() {
    assertThat(deployment("replicas: 2, selector: {matchLabels: {app: web}}, " + TEMPLATE))
        .isEmpty();
  }

  @Test
  void theSelectorIsRequiredNotEmptyAndMustMatchTheTemplate() {
    assertThat(deployment(TEMPLATE)).containsExactly("spec.selector: Required value");
    assertThat(deployment("selector: {}, " + TEMPLATE))
        .containsExactly(
            "spec.selector: Invalid value: {\"matchLabels\":{},\"matchExpressions\":[]}: empty selector is invalid for deployment");
    assertThat(deployment("selector: {matchLabels: {app: other}}, " + TEMPLATE))
        .containsExactly(
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not"
                + " match template `labels`");
    assertThat(deployment("selector: {matchExpressions: [{key: app, operator: Has}]}, " + TEMPLATE))
        .contains(
            "spec.selector.matchExpressions[0].operator: Invalid value: \"Has\": not a valid"
                + " selector operator");
    assertThat(deployment("selector: {matchExpressions: [{key: app, operator: In}]}, " + TEMPLATE))
        .contains(
            "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                + " `operator` is 'In' or 'NotIn'");
  }

  @Test
  void countsMayNotBeNegative() {
    assertThat(
            deployment(
                "replicas: -1, minReadySeconds: -2, revisionHistoryLimit: -3, "
                    + "selector: {matchLabels: {app: web}}, "
                    + TEMPLATE))
        .containsExactlyInAnyOrder(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
            "spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0");
  }

  @Test
  void theProgressDeadlineMustExceedMinReadySeconds() {
    assertThat(
            deployment(
                "minReadySeconds: 10, progressDeadlineSeconds: 10, "
                    + "selector: {matchLabels: {app: web}}, "
                    + TEMPLATE))
        .containsExactly(
            "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds");
  }

  @Test
  void rollingUpdateFieldsAreCheckedAsKubernetesChecksThem() {
    String sel = "selector: {matchLabels: {app: web}}, " + TEMPLATE + ", ";
    assertThat(
            deployment(
                sel
                    + "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when"
                + " `maxSurge` is 0");
    assertThat(
            deployment(sel + "strategy: {rollingUpdate: {maxSurge: 0%, maxUnavailable: \"0%\"}}"))
        .hasSize(1);
    assertThat(deployment(sel + "strategy: {rollingUpdate: {maxUnavailable: 150%}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be"
                + " greater than 100%");
    assertThat(deployment(sel + "strategy: {rollingUpdate: {maxSurge: ten}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"ten\": a valid percent string"
                + " must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%',"
                + " regex used for validation is '[0-9]+%')");
    assertThat(deployment(sel + "strategy: {rollingUpdate: {maxSurge: -1}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or"
                + " equal to 0");
    assertThat(deployment(sel + "strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}"))
        .containsExactly(
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is"
                + " 'Recreate'");
    assertThat(deployment(sel + "strategy: {type: BlueGreen}"))
        .containsExactly(
            "spec.strategy.Type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\","
                + " \"RollingUpdate\"");
  }

  @Test
  void replicaSetsShareTheSelectorRules() {
    assertThat(errors("replicasets", ReplicaSet.class, "selector: {}, " + TEMPLATE))
        .containsExactly(
            "spec.selector: Invalid value: {\"matchLabels\":{},\"matchExpressions\":[]}: empty"
                + " selector is invalid for deployment");
    assertThat(
            errors(
                "replicasets",
                ReplicaSet.class,
                "replicas: -1, selector: {matchLabels: {app: web}}, " + TEMPLATE))
        .containsExactly("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  }

  @Test
  void statefulSetPoliciesAndStrategies() {
    String sel = "selector: {matchLabels: {app: web}}, serviceName: web, " + TEMPLATE + ", ";
    assertThat(errors("statefulsets", StatefulSet.class, sel + "podManagementPolicy: Parallel"))
        .isEmpty();
    assertThat(errors("statefulsets", StatefulSet.class, sel + "podManagementPolicy: Random"))
        .containsExactly(
            "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or"
                + " 'Parallel'");
    assertThat(
            errors(
                "statefulsets",
                StatefulSet.class,
                sel + "updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}"))
        .singleElement()
        .asString()
        .startsWith("spec.updateStrategy.rollingUpdate: Invalid value: ")
        .endsWith("only allowed for updateStrategy 'RollingUpdate'");
    assertThat(
            errors(
                "statefulsets",
                StatefulSet.class,
                sel + "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: -1}}"))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than"
                + " or equal to 0");
    assertThat(errors("statefulsets", StatefulSet.class, sel + "updateStrategy: {type: Sometimes}"))
        .containsExactly(
            "spec.updateStrategy: Invalid value: \"Sometimes\": must be 'RollingUpdate' or"
                + " 'OnDelete'");
    assertThat(
            errors(
                "statefulsets",
                StatefulSet.class,
                sel + "persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}"))
        .containsExactly(
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\":"
                + " supported values: \"Retain\", \"Delete\"");
    assertThat(
            errors(
                "statefulsets",
                StatefulSet.class,
                "selector: {matchLabels: {app: web}}, serviceName: Not_A_Label, " + TEMPLATE))
        .singleElement()
        .asString()
        .startsWith("spec.serviceName: Invalid value: \"Not_A_Label\"");
    assertThat(errors("statefulsets", StatefulSet.class, "selector: {}, " + TEMPLATE))
        .singleElement()
        .asString()
        .endsWith("empty selector is invalid for statefulset");
  }

  @Test
  void daemonSetRollingUpdatesNeedExactlyOneOfSurgeAndUnavailable() {
    String sel = "selector: {matchLabels: {app: web}}, " + TEMPLATE + ", ";
    assertThat(errors("daemonsets", DaemonSet.class, sel + "updateStrategy: {type: RollingUpdate}"))
        .isEmpty();
    assertThat(
            errors(
                "daemonsets",
                DaemonSet.class,
                sel + "updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}"))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when"
                + " maxUnavailable is non-zero");
    assertThat(
            errors(
                "daemonsets",
                DaemonSet.class,
                sel + "updateStrategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}"))
        .containsExactly(
            "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when"
                + " maxSurge is 0");
    assertThat(errors("daemonsets", DaemonSet.class, sel + "updateStrategy: {type: Never}"))
        .containsExactly(
            "spec.updateStrategy.type: Unsupported value: \"Never\": supported values:"
                + " \"OnDelete\", \"RollingUpdate\"");
    assertThat(errors("daemonsets", DaemonSet.class, "selector: {}, " + TEMPLATE))
        .singleElement()
        .asString()
        .endsWith("empty selector is invalid for daemonset");
  }
}
