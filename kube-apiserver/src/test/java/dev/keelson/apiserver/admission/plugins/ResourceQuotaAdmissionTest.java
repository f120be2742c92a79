package dev.keelson.apiserver.admission.plugins;

import static dev.keelson.apiserver.admission.plugins.FakeCluster.create;
import static dev.keelson.apiserver.admission.plugins.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.apiserver.admission.Attributes;
import org.junit.jupiter.api.Test;

class ResourceQuotaAdmissionTest {
  private final FakeCluster cluster = new FakeCluster();
  private final ResourceQuotaAdmission plugin = new ResourceQuotaAdmission(cluster);

  private void quota(String status) {
    cluster.put(
        ResourceQuotaAdmission.QUOTAS, yaml("metadata: {name: q, namespace: team}\n" + status));
  }

  private static ObjectNode pod(String resources) {
    return yaml(
        "metadata: {name: web, namespace: team}\nspec:\n  containers:\n  - name: app\n    image: x\n"
            + resources);
  }

  private ObjectNode stored() {
    return cluster.get(ResourceQuotaAdmission.QUOTAS, "team", "q").orElseThrow();
  }

  @Test
  void admittedPodIsChargedToTheQuotaStatus() {
    quota("status: {hard: {pods: '2', requests.cpu: '1'}, used: {pods: '1', requests.cpu: 200m}}");
    plugin.validate(create("", "pods", "Pod", pod("    resources: {requests: {cpu: 300m}}\n")));
    assertThat(stored().at("/status/used/pods").asText()).isEqualTo("2");
    assertThat(stored().at("/status/used/requests.cpu").asText()).isEqualTo("500m");
  }

  @Test
  void podBeyondTheHardLimitIsForbiddenWithKubernetesMessage() {
    quota("status: {hard: {pods: '2'}, used: {pods: '2'}}");
    assertThatThrownBy(() -> plugin.validate(create("", "pods", "Pod", pod(""))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"web\" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2,"
                + " limited: pods=2");
    assertThat(cluster.statusWrites).isZero();
  }

  @Test
  void quotaNotCountedYetRefusesItsResources() {
    quota("status: {hard: {pods: '2'}}");
    assertThatThrownBy(() -> plugin.validate(create("", "pods", "Pod", pod(""))))
        .hasMessage("pods \"web\" is forbidden: status unknown for quota: q, resources: pods");
  }

  @Test
  void computeQuotaNeedsEveryContainerToSetTheResource() {
    quota("status: {hard: {limits.cpu: '2'}, used: {limits.cpu: '0'}}");
    assertThatThrownBy(() -> plugin.validate(create("", "pods", "Pod", pod(""))))
        .hasMessage("pods \"web\" is forbidden: failed quota: q: must specify limits.cpu for: app");
  }

  @Test
  void lostRaceIsRetriedOnTheFreshQuota() {
    quota("status: {hard: {configmaps: '5'}, used: {configmaps: '1'}}");
    cluster.conflictsToInject = 2;
    plugin.validate(
        create("", "configmaps", "ConfigMap", yaml("metadata: {name: c, namespace: team}")));
    assertThat(stored().at("/status/used/configmaps").asText()).isEqualTo("2");
    assertThat(cluster.statusWrites).isEqualTo(1);
  }

  @Test
  void dryRunIsCheckedButNotCharged() {
    quota("status: {hard: {count/deployments.apps: '1'}, used: {count/deployments.apps: '0'}}");
    Attributes a =
        create("apps", "deployments", "Deployment", yaml("metadata: {name: d, namespace: team}"));
    Attributes dry =
        new Attributes(
            a.operation(),
            a.kind(),
            a.resource(),
            null,
            a.namespace(),
            a.name(),
            a.object(),
            null,
            a.userInfo(),
            true);
    plugin.validate(dry);
    assertThat(cluster.statusWrites).isZero();
    plugin.validate(a);
    assertThat(stored().at("/status/used/count~1deployments.apps").asText()).isEqualTo("1");
  }

  @Test
  void scopedQuotasAreNotEnforcedYet() {
    cluster.put(
        ResourceQuotaAdmission.QUOTAS,
        yaml(
            "metadata: {name: q, namespace: team}\nspec: {scopes: [BestEffort]}\n"
                + "status: {hard: {pods: '0'}, used: {pods: '0'}}"));
    plugin.validate(create("", "pods", "Pod", pod("")));
    assertThat(cluster.statusWrites).isZero();
  }
}
