package dev.keelson.controllers.endpoints;

import static dev.keelson.controllers.Fixtures.await;
import static dev.keelson.controllers.Fixtures.createRunning;
import static dev.keelson.controllers.Fixtures.pod;
import static dev.keelson.controllers.Fixtures.port;
import static dev.keelson.controllers.Fixtures.running;
import static dev.keelson.controllers.Fixtures.service;
import static dev.keelson.controllers.Fixtures.servicePort;
import static dev.keelson.controllers.Fixtures.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.EndpointAddress;
import dev.keelson.api.core.v1.EndpointPort;
import dev.keelson.api.core.v1.EndpointSubset;
import dev.keelson.api.core.v1.Endpoints;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.reconcile.ControllerStats;
import dev.keelson.controller.time.Clock;
import dev.keelson.testkit.KeelsonTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KeelsonTest
class EndpointsControllerTest {
  private static InformerFactory informers;
  private static EndpointsController controller;

  @BeforeAll
  static void start(KubeClient client) {
    informers = InformerFactory.create(client);
    controller = new EndpointsController(client, informers, Clock.system());
    controller.start();
  }

  @AfterAll
  static void stop() {
    controller.close();
    informers.close();
  }

  private static Endpoints awaitEndpoints(KubeClient client, String name, Predicate<Endpoints> ok) {
    return await(
        "endpoints " + name,
        () -> {
          try {
            Endpoints e = client.resources(Endpoints.class).inNamespace("default").get(name);
            return ok.test(e) ? e : null;
          } catch (NotFoundException notYet) {
            return null;
          }
        });
  }

  private static List<String> ips(List<EndpointAddress> addresses) {
    return addresses.stream().map(EndpointAddress::ip).toList();
  }

  @Test
  void namedPortsResolvePerPodAndAddressesFollowReadiness(KubeClient client) {
    Map<String, String> app = Map.of("app", "web");
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "web", app, false, false, servicePort("http", 80, "http")));
    createRunning(
        client,
        pod("default", "web-1", app, "node-a", port("http", 8080)),
        running(true, "10.1.0.1"));
    createRunning(
        client,
        pod("default", "web-2", app, "node-b", port("http", 9090)),
        running(false, "10.1.0.2"));
    createRunning(
        client,
        pod("default", "web-3", app, "node-a", port("metrics", 9100)),
        running(true, "10.1.0.3"));

    Endpoints e =
        awaitEndpoints(
            client,
            "web",
            x ->
                x.subsets().stream()
                        .mapToInt(s -> s.addresses().size() + s.notReadyAddresses().size())
                        .sum()
                    == 2);
    // web-3 has no port named http: it is left out; each pod's own port number is used
    assertThat(e.subsets())
        .extracting(EndpointsControllerTest::describe)
        .containsExactlyInAnyOrder(
            "ready=[10.1.0.1@node-a=Pod/web-1] notReady=[] ports=[http:8080/TCP]",
            "ready=[] notReady=[10.1.0.2@node-b=Pod/web-2] ports=[http:9090/TCP]");
    Pod web1 = client.resources(Pod.class).inNamespace("default").get("web-1");
    assertThat(
            e.subsets().get(0).addresses().isEmpty()
                ? e.subsets().get(1).addresses().get(0).targetRef().uid()
                : e.subsets().get(0).addresses().get(0).targetRef().uid())
        .isEqualTo(web1.metadata().uid());
    assertThat(e.metadata().labels())
        .containsEntry("team", "blue")
        .doesNotContainKey(EndpointsController.HEADLESS);
    assertThat(e.metadata().annotation(EndpointsController.LAST_CHANGE_TRIGGER_TIME)).isNotNull();

    setStatus(client, "default", "web-2", running(true, "10.1.0.2"));
    e =
        awaitEndpoints(
            client,
            "web",
            x -> x.subsets().stream().allMatch(s -> s.notReadyAddresses().isEmpty()));
    assertThat(e.subsets().stream().flatMap(s -> s.addresses().stream()).map(EndpointAddress::ip))
        .containsExactlyInAnyOrder("10.1.0.1", "10.1.0.2");

    // a pod being deleted (bound pods wait for their node) leaves the endpoints at once
    client.resources(Pod.class).inNamespace("default").delete("web-1", null);
    e = awaitEndpoints(client, "web", x -> x.subsets().size() == 1);
    assertThat(ips(e.subsets().get(0).addresses())).containsExactly("10.1.0.2");
  }

  @Test
  void headlessServicesPublishHostnamesAndNotReadyAddresses(KubeClient client) {
    Map<String, String> app = Map.of("app", "db");
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(service("default", "db", app, true, true, servicePort("sql", 5432, 5432)));
    Pod p = pod("default", "db-0", app, "node-a", port("sql", 5432));
    p = p.withSpec(p.spec().withHostname("db-0").withSubdomain("db"));
    createRunning(client, p, running(false, "10.2.0.1"));
    createRunning(client, pod("default", "db-x", app, null), running(false, "10.2.0.2"));

    Endpoints e =
        awaitEndpoints(
            client,
            "db",
            x -> !x.subsets().isEmpty() && x.subsets().get(0).addresses().size() == 2);
    // publishNotReadyAddresses: not-ready pods are ready addresses
    EndpointSubset s = e.subsets().get(0);
    assertThat(s.notReadyAddresses()).isEmpty();
    assertThat(s.addresses())
        .extracting(EndpointAddress::ip, EndpointAddress::hostname, EndpointAddress::nodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.2.0.1", "db-0", "node-a"),
            org.assertj.core.groups.Tuple.tuple("10.2.0.2", null, null));
    assertThat(s.ports()).containsExactly(new EndpointPort("sql", 5432, "TCP", null));
    assertThat(e.metadata().labels()).containsEntry(EndpointsController.HEADLESS, "");
  }

  @Test
  void aNamespaceBeingDeletedIsNotRetriedForeverWithErrors(KubeClient client) {
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: dying}", Namespace.class));
    client
        .resources(Service.class)
        .inNamespace("dying")
        .create(
            service(
                "dying", "web", Map.of("app", "web"), false, false, servicePort("http", 80, 80)));
    var endpoints = client.resources(Endpoints.class).inNamespace("dying");
    await(
        "endpoints dying/web",
        () -> {
          try {
            return endpoints.get("web");
          } catch (NotFoundException notYet) {
            return null;
          }
        });
    // No namespace controller runs here: the namespace stays Terminating, refusing creates.
    client.resources(Namespace.class).delete("dying", null);
    ControllerStats before = controller.stats();
    endpoints.delete("web", null);
    await(
        "the reconcile of dying/web",
        () ->
            controller.stats().error() > before.error()
                    || controller.stats().success() > before.success()
                ? true
                : null);
    assertThat(controller.stats().error())
        .as("a create refused by a terminating namespace is dropped, not retried as an error")
        .isEqualTo(before.error());
  }

  @Test
  void deletingTheServiceDeletesItsEndpoints(KubeClient client) {
    Map<String, String> app = Map.of("app", "gone");
    var services = client.resources(Service.class).inNamespace("default");
    services.create(service("default", "gone", app, false, false, servicePort("", 80, 80)));
    awaitEndpoints(client, "gone", x -> true);
    services.delete("gone", null);
    await(
        "endpoints deleted",
        () -> {
          try {
            client.resources(Endpoints.class).inNamespace("default").get("gone");
            return false;
          } catch (NotFoundException e) {
            return true;
          }
        });
  }

  @Test
  void truncatesBeyondAThousandAddressesReadyFirst() {
    List<EndpointAddress> ready = new ArrayList<>();
    List<EndpointAddress> notReady = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      ready.add(new EndpointAddress("10.0." + i / 250 + "." + i % 250, null, null, null));
    }
    for (int i = 0; i < 300; i++) {
      notReady.add(new EndpointAddress("10.9." + i / 250 + "." + i % 250, null, null, null));
    }
    List<EndpointSubset> cut =
        EndpointsController.truncate(List.of(new EndpointSubset(ready, notReady, List.of())));
    assertThat(cut.get(0).addresses()).hasSize(900);
    assertThat(cut.get(0).notReadyAddresses()).hasSize(100);
  }

  private static String describe(EndpointSubset s) {
    return "ready="
        + s.addresses().stream().map(EndpointsControllerTest::describe).toList()
        + " notReady="
        + s.notReadyAddresses().stream().map(EndpointsControllerTest::describe).toList()
        + " ports="
        + s.ports().stream().map(p -> p.name() + ":" + p.port() + "/" + p.protocol()).toList();
  }

  private static String describe(EndpointAddress a) {
    return a.ip() + "@" + a.nodeName() + "=" + a.targetRef().kind() + "/" + a.targetRef().name();
  }
}
