package dev.keelson.samples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePortBuilder;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.discovery.v1.EndpointBuilder;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.discovery.v1.EndpointSliceBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.net.proxy.ProxyConfig;
import dev.keelson.net.proxy.ServiceProxies;
import dev.keelson.net.proxy.ServiceProxy;
import dev.keelson.net.proxy.ServiceProxyRunner;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample backend, found through ServiceLoader and driven by Keelson's proxy loop. */
@KeelsonTest
class HaproxyConfigProxyTest {

  @Test
  void isFoundByNameNextToTheBuiltInBackends() {
    assertThat(ServiceProxies.names()).contains("haproxy-config", "iptables", "none");
  }

  @Test
  void theClustersServicesBecomeHaproxyFrontendsAndBackends(KubeClient client, @TempDir Path dir)
      throws Exception {
    Path cfg = dir.resolve("haproxy.cfg");
    System.setProperty(HaproxyConfigProxyProvider.FILE_PROPERTY, cfg.toString());
    ServiceProxy proxy = ServiceProxies.provider("haproxy-config").create(ProxyConfig.ipv4());
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(
            ServiceBuilder.builder()
                .metadata(ObjectMetaBuilder.builder().name("shop").build())
                .spec(
                    ServiceSpecBuilder.builder()
                        .clusterIP("10.96.5.5")
                        .ports(
                            List.of(
                                ServicePortBuilder.builder()
                                    .name("http")
                                    .port(80)
                                    .protocol("TCP")
                                    .build()))
                        .build())
                .build());
    client
        .resources(EndpointSlice.class)
        .inNamespace("default")
        .create(
            EndpointSliceBuilder.builder()
                .metadata(
                    ObjectMetaBuilder.builder()
                        .name("shop-1")
                        .labels(Map.of("kubernetes.io/service-name", "shop"))
                        .build())
                .addressType("IPv4")
                .endpoints(
                    List.of(
                        EndpointBuilder.builder()
                            .addresses(List.of("10.244.1.7"))
                            .conditions(new EndpointConditions(true, true, false))
                            .build()))
                .ports(List.of(new EndpointPort("http", "TCP", 8080, null)))
                .build());
    try (InformerFactory informers = InformerFactory.create(client);
        ServiceProxyRunner runner =
            ServiceProxyRunner.start(
                proxy, "IPv4", informers, Duration.ofMillis(50), Duration.ofMinutes(1))) {
      informers.start();
      Eventually.await(
          "config written",
          Duration.ofSeconds(20),
          () -> Files.exists(cfg) && read(cfg).contains("server 10.244.1.7"));
    }
    assertThat(Files.readString(cfg))
        .contains(
            "frontend default.shop.http\n"
                + "  bind 10.96.5.5:80\n"
                + "  default_backend default.shop.http\n"
                + "backend default.shop.http\n"
                + "  balance roundrobin\n"
                + "  server 10.244.1.7 10.244.1.7:8080 check\n")
        .contains("frontend default.kubernetes.https\n");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
