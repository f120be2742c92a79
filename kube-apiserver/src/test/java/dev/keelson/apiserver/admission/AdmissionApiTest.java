package dev.keelson.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.LimitRange;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admission chain as clients see it through the API. */
class AdmissionApiTest {
  private ApiServer server;
  private KubeClient client;

  private KubeClient start(ApiServerConfig config) {
    server = ApiServer.start(config.withoutListener());
    client = server.inProcessClient();
    return client;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static <T> T yaml(String yaml, Class<T> type) {
    return KubeJson.convert(KubeJson.parseYaml(yaml), type);
  }

  static Pod pod(String name, String containerExtra) {
    return yaml(
        "metadata: {name: "
            + name
            + "}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
            + containerExtra,
        Pod.class);
  }

  private void defaultServiceAccount() {
    client
        .resources(ServiceAccount.class)
        .inNamespace("default")
        .create(yaml("metadata: {name: default}", ServiceAccount.class));
  }

  @Test
  void defaultPluginsRefuseAPodWithoutItsServiceAccountThenMountTheToken() {
    start(ApiServerConfig.loopback(0));
    assertThatThrownBy(
            () -> client.resources(Pod.class).inNamespace("default").create(pod("web", "")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"web\" is forbidden: error looking up service account default/default:"
                + " serviceaccount \"default\" not found");
    assertThatThrownBy(() -> client.resources(Pod.class).inNamespace("default").get("web"))
        .isInstanceOf(NotFoundException.class);

    defaultServiceAccount();
    Pod created = client.resources(Pod.class).inNamespace("default").create(pod("web", ""));
    assertThat(created.spec().serviceAccountName()).isEqualTo("default");
    assertThat(created.spec().volumes().get(0).name()).startsWith("kube-api-access-");
    assertThat(created.spec().containers().get(0).volumeMounts().get(0).mountPath())
        .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
    assertThat(created.spec().priority()).isZero();
    assertThat(created.spec().preemptionPolicy()).isEqualTo("PreemptLowerPriority");
  }

  @Test
  void immortalNamespacesCannotBeDeleted() {
    start(ApiServerConfig.loopback(0));
    assertThatThrownBy(() -> client.resources(Namespace.class).delete("kube-system", null))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
    client.resources(Namespace.class).get("kube-system");
  }

  @Test
  void limitRangeDefaultsAndQuotaRefusalsGoThroughTheApi() {
    start(ApiServerConfig.loopback(0).withoutAdmissionPlugins(AdmissionPlugins.SERVICE_ACCOUNT));
    client
        .resources(LimitRange.class)
        .inNamespace("default")
        .create(
            yaml(
                "metadata: {name: lr}\nspec: {limits: [{type: Container, default: {memory:"
                    + " 128Mi}, max: {memory: 1Gi}}]}",
                LimitRange.class));
    Pod defaulted = client.resources(Pod.class).inNamespace("default").create(pod("small", ""));
    assertThat(defaulted.spec().containers().get(0).resources().limits().get("memory"))
        .hasToString("128Mi");
    assertThatThrownBy(
            () ->
                client
                    .resources(Pod.class)
                    .inNamespace("default")
                    .create(pod("big", "    resources: {limits: {memory: 2Gi}}\n")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "pods \"big\" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi");

    ResourceQuota q =
        client
            .resources(ResourceQuota.class)
            .inNamespace("default")
            .create(
                yaml("metadata: {name: q}\nspec: {hard: {configmaps: '1'}}", ResourceQuota.class));
    // as the resourcequota controller would count (none runs here)
    ResourceQuota counted =
        client
            .resources(ResourceQuota.class)
            .inNamespace("default")
            .updateStatus(
                q.withStatus(
                    yaml(
                        "hard: {configmaps: '1'}\nused: {configmaps: '0'}",
                        dev.keelson.api.core.v1.ResourceQuotaStatus.class)));
    // The admission reads quotas from the watch cache, as kube-apiserver's from its informer: a
    // list at the status write's resourceVersion (NotOlderThan) returns once that cache has it.
    client
        .resources(ResourceQuota.class)
        .inNamespace("default")
        .list(
            dev.keelson.client.ListOptions.builder()
                .resourceVersion(counted.metadata().resourceVersion())
                .resourceVersionMatch("NotOlderThan")
                .build());
    ConfigMap first = yaml("metadata: {name: first}", ConfigMap.class);
    client
        .generic("v1", "ConfigMap")
        .inNamespace("default")
        .create(dev.keelson.api.GenericObject.from(first));
    assertThat(
            client
                .resources(ResourceQuota.class)
                .inNamespace("default")
                .get("q")
                .status()
                .used()
                .get("configmaps"))
        .hasToString("1");
    assertThatThrownBy(
            () ->
                client
                    .resources(ConfigMap.class)
                    .inNamespace("default")
                    .create(yaml("metadata: {name: second}", ConfigMap.class)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "configmaps \"second\" is forbidden: exceeded quota: q, requested: configmaps=1,"
                + " used: configmaps=1, limited: configmaps=1");
  }

  @Test
  void thirdPartyPluginRunsWhenNamedAndAnEmptyListAdmitsEverything() {
    List<String> plugins = new ArrayList<>(AdmissionPlugins.DEFAULTS);
    plugins.add("DenyLabel");
    start(
        ApiServerConfig.loopback(0)
            .withAdmissionPlugins(
                AdmissionPlugins.without(plugins, AdmissionPlugins.SERVICE_ACCOUNT)));
    ConfigMap ok =
        client
            .resources(ConfigMap.class)
            .inNamespace("default")
            .create(yaml("metadata: {name: ok}", ConfigMap.class));
    assertThat(ok.metadata().labels()).containsEntry("seen-by", "deny-label");
    assertThatThrownBy(
            () ->
                client
                    .resources(ConfigMap.class)
                    .inNamespace("default")
                    .create(
                        yaml("metadata: {name: refused, labels: {deny: 'true'}}", ConfigMap.class)))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("configmaps \"refused\" is forbidden: denied by label");
    stop();

    start(ApiServerConfig.loopback(0).withAdmissionPlugins(List.of()));
    Pod admitted = client.resources(Pod.class).inNamespace("default").create(pod("web", ""));
    assertThat(admitted.spec().serviceAccountName()).isNull();
    JsonNode none = KubeJson.toTree(admitted.spec());
    assertThat(none.has("volumes")).isFalse();
  }
}
