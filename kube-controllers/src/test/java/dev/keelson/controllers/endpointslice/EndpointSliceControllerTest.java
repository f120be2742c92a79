package dev.keelson.controllers.endpointslice;

import static dev.keelson.controllers.Fixtures.await;
import static dev.keelson.controllers.Fixtures.createRunning;
import static dev.keelson.controllers.Fixtures.pod;
import static dev.keelson.controllers.Fixtures.port;
import static dev.keelson.controllers.Fixtures.running;
import static dev.keelson.controllers.Fixtures.service;
import static dev.keelson.controllers.Fixtures.servicePort;
import static dev.keelson.controllers.Fixtures.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.endpoints.EndpointsController;
import dev.keelson.testkit.KeelsonTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KeelsonTest
class EndpointSliceControllerTest {
  private static InformerFactory informers;
  private static EndpointSliceController controller;

  @BeforeAll
  static void start(KubeClient client) {
    informers = InformerFactory.create(client);
    controller = new EndpointSliceController(client, informers, Clock.system());
    controller.start();
  }

  @AfterAll
  static void stop() {
    controller.close();
    informers.close();
  }

  private static List<EndpointSlice> slicesOf(KubeClient client, String service) {
    return client
        .resources(EndpointSlice.class)
        .inNamespace("default")
        .list(
            ListOptions.builder()
                .labelSelector(EndpointSliceController.SERVICE_NAME + "=" + service)
                .build())
        .items();
  }

  private static List<EndpointSlice> awaitSlices(
      KubeClient client, String service, Predicate<List<EndpointSlice>> ok) {
    List<List<EndpointSlice>> last = new java.util.ArrayList<>(List.of(List.of()));
    try {
      return await(
          "slices of " + service,
          () -> {
            List<EndpointSlice> s = slicesOf(client, service);
            last.set(0, s);
            return ok.test(s) ? s : null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last seen " + last.get(0), e);
    }
  }

  private static Optional<Endpoint> endpointOf(List<EndpointSlice> slices, String pod) {
    return slices.stream()
        .flatMap(s -> s.endpoints().stream())
        .filter(e -> e.targetRef().name().equals(pod))
        .findFirst();
  }

  @Test
  void endpointsCarryConditionsZoneAndNodeAndFollowThePods(KubeClient client) {
    client
        .resources(Node.class)
        .create(
            NodeBuilder.builder()
                .metadata(
                    ObjectMetaBuilder.builder()
                        .name("node-z")
                        .labels(Map.of(EndpointSliceController.ZONE, "zone-a"))
                        .build())
                .build());
    Map<String, String> app = Map.of("app", "api");
    Service svc =
        client
            .resources(Service.class)
            .inNamespace("default")
            .create(service("default", "api", app, false, false, servicePort("http", 80, "http")));
    createRunning(
        client,
        pod("default", "api-1", app, "node-z", port("http", 8080)),
        running(true, "10.3.0.1"));
    createRunning(
        client,
        pod("default", "api-2", app, "node-z", port("http", 8080)),
        running(false, "10.3.0.2"));

    List<EndpointSlice> slices =
        awaitSlices(client, "api", s -> s.stream().mapToInt(x -> x.endpoints().size()).sum() == 2);
    assertThat(slices).hasSize(1);
    EndpointSlice slice = slices.get(0);
    assertThat(slice.addressType()).isEqualTo("IPv4");
    assertThat(slice.ports()).containsExactly(new EndpointPort("http", "TCP", 8080, null));
    assertThat(slice.metadata().name()).startsWith("api-");
    assertThat(slice.metadata().labels())
        .containsEntry(EndpointSliceController.MANAGED_BY, "endpointslice-controller.k8s.io")
        .containsEntry("team", "blue");
    assertThat(slice.metadata().controllerReference().uid()).isEqualTo(svc.metadata().uid());
    Endpoint ready = endpointOf(slices, "api-1").orElseThrow();
    assertThat(ready.addresses()).containsExactly("10.3.0.1");
    assertThat(ready.conditions()).isEqualTo(new EndpointConditions(true, true, false));
    assertThat(ready.nodeName()).isEqualTo("node-z");
    assertThat(ready.zone()).isEqualTo("zone-a");
    assertThat(endpointOf(slices, "api-2").orElseThrow().conditions())
        .isEqualTo(new EndpointConditions(false, false, false));

    setStatus(client, "default", "api-2", running(true, "10.3.0.2"));
    awaitSlices(
        client, "api", s -> endpointOf(s, "api-2").map(e -> e.conditions().ready()).orElse(false));

    // a terminating pod stays, serving but not ready
    client.resources(Pod.class).inNamespace("default").delete("api-1", null);
    slices =
        awaitSlices(
            client,
            "api",
            s -> endpointOf(s, "api-1").map(e -> e.conditions().terminating()).orElse(false));
    assertThat(endpointOf(slices, "api-1").orElseThrow().conditions())
        .isEqualTo(new EndpointConditions(false, true, true));
    assertThat(slices.get(0).metadata().name())
        .isEqualTo(slice.metadata().name()); // updated in place
  }

  @Test
  void moreThanAHundredEndpointsAreSplitAndNewOnesFillTheSliceWithRoom(KubeClient client) {
    Map<String, String> app = Map.of("app", "big");
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "big", app, false, false, servicePort("", 80, 8080)));
    for (int i = 0; i < 150; i++) {
      createRunning(
          client,
          pod("default", "big-" + i, app, null),
          running(true, "10.4." + i / 200 + "." + i % 200));
    }
    List<EndpointSlice> slices =
        awaitSlices(
            client, "big", s -> s.stream().mapToInt(x -> x.endpoints().size()).sum() == 150);
    // two slices of at most 100 (how the 150 spread depends on the order the pods were seen in)
    assertThat(slices)
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.endpoints()).hasSizeLessThanOrEqualTo(100));
    assertThat(
            slices.stream()
                .flatMap(s -> s.endpoints().stream())
                .map(e -> e.targetRef().name())
                .distinct())
        .hasSize(150);

    createRunning(client, pod("default", "big-150", app, null), running(true, "10.4.9.9"));
    List<EndpointSlice> after =
        awaitSlices(
            client, "big", s -> s.stream().mapToInt(x -> x.endpoints().size()).sum() == 151);
    assertThat(after.stream().map(s -> s.metadata().name()).collect(Collectors.toSet()))
        .isEqualTo(slices.stream().map(s -> s.metadata().name()).collect(Collectors.toSet()));
    // the new endpoint went into a slice with room: no slice was created, none grew past 100
    assertThat(after).allSatisfy(s -> assertThat(s.endpoints()).hasSizeLessThanOrEqualTo(100));
    assertThat(
            after.stream()
                .flatMap(s -> s.endpoints().stream())
                .map(e -> e.targetRef().name())
                .distinct())
        .hasSize(151);
  }

  @Test
  void headlessServicesPublishHostnamesAndNotReadyPodsOfTheirAddressType(KubeClient client) {
    Map<String, String> app = Map.of("app", "dual");
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "dual", app, true, true, servicePort("", 53, 53)));
    Pod p = pod("default", "dual-0", app, null);
    p = p.withSpec(p.spec().withHostname("dual-0").withSubdomain("dual"));
    createRunning(client, p, running(false, "10.5.0.1", "fd00::1"));

    // the API server defaults the headless Service to [IPv4] on this single-stack cluster
    List<EndpointSlice> slices =
        awaitSlices(client, "dual", s -> s.size() == 1 && s.get(0).endpoints().size() == 1);
    EndpointSlice s = slices.get(0);
    assertThat(s.addressType()).isEqualTo("IPv4");
    Endpoint e = s.endpoints().get(0);
    assertThat(e.addresses()).containsExactly("10.5.0.1");
    assertThat(e.hostname()).isEqualTo("dual-0");
    // publishNotReadyAddresses: ready although the pod is not
    assertThat(e.conditions()).isEqualTo(new EndpointConditions(true, false, false));
    assertThat(s.metadata().labels()).containsKey(EndpointsController.HEADLESS);
  }

  @Test
  void aServiceWithoutEndpointsKeepsOnePlaceholderSlice(KubeClient client) {
    Map<String, String> app = Map.of("app", "nobody");
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "empty", app, false, false, servicePort("", 80, 80)));
    List<EndpointSlice> slices = awaitSlices(client, "empty", s -> !s.isEmpty());
    assertThat(slices).hasSize(1);
    assertThat(slices.get(0).endpoints()).isEmpty();
    assertThat(slices.get(0).ports()).isEmpty();

    createRunning(client, pod("default", "somebody", app, null), running(true, "10.6.0.1"));
    List<EndpointSlice> after =
        awaitSlices(client, "empty", s -> s.size() == 1 && s.get(0).endpoints().size() == 1);
    // the placeholder is reused rather than deleted and replaced
    assertThat(after.get(0).metadata().name()).isEqualTo(slices.get(0).metadata().name());
  }
}
