package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

@KeelsonTest(perTest = true)
class KeelsonTestPerTestTest {
  private static final Set<Integer> ports = new HashSet<>();

  @RepeatedTest(3)
  void everyTestHasAFreshEmptyServer(KubeClient client, ApiServer server) {
    assertThat(ports.add(server.port())).as("a new server").isTrue();
    var cms = client.resources(ConfigMap.class).inNamespace("default");
    assertThat(cms.list(ListOptions.none()).items()).isEmpty();
    cms.create(new ConfigMap("v1", "ConfigMap", ObjectMeta.named("x"), null, Map.of(), null));
  }
}
