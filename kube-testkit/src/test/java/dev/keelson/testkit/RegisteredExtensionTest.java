package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.informer.SharedInformer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegisteredExtensionTest {
  @RegisterExtension static final KeelsonExtension keelson = KeelsonExtension.perClass();

  @Test
  void aControllerTestWithInformersOnTheFakeClock() throws Exception {
    var cms = keelson.client().resources(ConfigMap.class).inNamespace("default");
    cms.create(new ConfigMap("v1", "ConfigMap", ObjectMeta.named("a"), null, Map.of(), null));
    try (InformerFactory informers =
        InformerFactory.create(
            keelson.client(),
            keelson.clock(),
            InformerOptions.defaults().withResyncPeriod(Duration.ofMinutes(1)))) {
      SharedInformer<ConfigMap> inf = informers.informer(ConfigMap.class);
      informers.start();
      assertThat(informers.waitForSync(Duration.ofSeconds(10))).isTrue();
      assertThat(inf.indexer().get("default", "a")).isPresent();
      keelson.clock().advance(Duration.ofMinutes(1));
      assertThat(inf.metrics().resyncs()).isEqualTo(1);
    }
  }

  @Test
  void extraClientsReachTheSameServer() {
    var other = keelson.newClient();
    other
        .resources(ConfigMap.class)
        .inNamespace("default")
        .create(new ConfigMap("v1", "ConfigMap", ObjectMeta.named("b"), null, Map.of(), null));
    assertThat(keelson.client().resources(ConfigMap.class).inNamespace("default").get("b"))
        .isNotNull();
  }

  @Test
  void accessorsFailClearlyWhenNotRunning() {
    KeelsonExtension idle = KeelsonExtension.perTest();
    assertThatThrownBy(idle::client)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running");
  }
}
