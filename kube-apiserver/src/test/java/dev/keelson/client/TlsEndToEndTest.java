package dev.keelson.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.WatchEvent;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.config.Kubeconfig;
import dev.keelson.client.config.KubeconfigCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS with the kubeconfig the API server writes (generated CA, admin cert). */
class TlsEndToEndTest {
  @TempDir static Path dir;

  private static ApiServer server;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0));
    kubeconfig = dir.resolve("admin.kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theWrittenKubeconfigConnectsWithTheGeneratedCaAndAdminCertificate() throws Exception {
    Kubeconfig k = Kubeconfig.load(kubeconfig);
    assertThat(k.users().get("keelson").clientCertificateData()).isNotEmpty();
    assertThat(k.users().get("keelson").clientKeyData()).isNotEmpty();

    try (KubeClient client = KubeClient.fromKubeconfig(kubeconfig)) {
      assertThat(client.namespace()).isEqualTo("default");
      Resources<ConfigMap> maps = client.resources(ConfigMap.class).inNamespace("default");
      BlockingQueue<WatchEvent<ConfigMap>> events = new LinkedBlockingQueue<>();
      String rv = maps.list(ListOptions.none()).metadata().resourceVersion();
      try (Watch watch =
          maps.watch(WatchOptions.builder().resourceVersion(rv).build(), events::add)) {
        maps.create(
            new ConfigMap(null, null, ObjectMeta.named("over-tls"), null, Map.of("a", "b"), null));
        assertThat(maps.get("over-tls").data()).containsEntry("a", "b");
        WatchEvent<ConfigMap> e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.type()).isEqualTo(WatchEvent.ADDED);
      }
      maps.delete("over-tls", null);
      assertThatThrownBy(() -> maps.get("over-tls")).isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void withoutTheClusterCaTheServerIsNotTrusted() {
    Kubeconfig k = withCluster(Kubeconfig.load(kubeconfig), c -> cluster(c, null, false, null));
    try (KubeClient client = KubeClient.connect(k.clientConfig())) {
      assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("default").get("x"))
          .isInstanceOf(ConnectionException.class);
    }
  }

  @Test
  void insecureSkipTlsVerifyTrustsAnyServer() {
    Kubeconfig k = withCluster(Kubeconfig.load(kubeconfig), c -> cluster(c, null, true, null));
    try (KubeClient client = KubeClient.connect(k.clientConfig())) {
      assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("default").get("x"))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void tlsServerNameIsCheckedInsteadOfTheHost() {
    Kubeconfig base = Kubeconfig.load(kubeconfig);
    Kubeconfig named =
        withCluster(base, c -> cluster(c, c.certificateAuthorityData(), false, "kubernetes"));
    try (KubeClient client = KubeClient.connect(named.clientConfig())) {
      assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("default").get("x"))
          .isInstanceOf(NotFoundException.class);
    }
    Kubeconfig wrong =
        withCluster(
            base, c -> cluster(c, c.certificateAuthorityData(), false, "elsewhere.example"));
    try (KubeClient client = KubeClient.connect(wrong.clientConfig())) {
      assertThatThrownBy(() -> client.resources(ConfigMap.class).inNamespace("default").get("x"))
          .isInstanceOf(ConnectionException.class);
    }
  }

  private static KubeconfigCluster cluster(
      KubeconfigCluster c, String caData, boolean insecure, String serverName) {
    return new KubeconfigCluster(c.server(), null, caData, insecure, serverName, c.source());
  }

  private static Kubeconfig withCluster(
      Kubeconfig k, java.util.function.UnaryOperator<KubeconfigCluster> change) {
    Map<String, KubeconfigCluster> clusters = new java.util.LinkedHashMap<>(k.clusters());
    clusters.replaceAll((name, c) -> change.apply(c));
    return new Kubeconfig(clusters, k.users(), k.contexts(), k.currentContext());
  }
}
