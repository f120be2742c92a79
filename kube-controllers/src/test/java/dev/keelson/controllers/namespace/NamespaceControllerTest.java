package dev.keelson.controllers.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceCondition;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.PatchType;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.testing.Await;
import dev.keelson.testkit.KeelsonTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@KeelsonTest
class NamespaceControllerTest {
  static final ResourceType WIDGETS =
      ResourceType.of("example.com", "v1", "Widget", "widgets", true);

  private static Namespace namespace(String name) {
    return KubeJson.decode(
        ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}")
            .getBytes(StandardCharsets.UTF_8),
        Namespace.class);
  }

  private static Pod pod(String name) {
    return KubeJson.decode(
        ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                + name
                + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}")
            .getBytes(StandardCharsets.UTF_8),
        Pod.class);
  }

  private static ConfigMap configMap(String name, List<String> finalizers) {
    return new ConfigMap(
        "v1",
        "ConfigMap",
        new ObjectMeta(
            name,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            finalizers,
            null),
        null,
        null,
        null);
  }

  private static GenericObject widget(String name) {
    return GenericObject.of(
        (ObjectNode)
            KubeJson.parse(
                ("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\""
                        + name
                        + "\"},\"spec\":{\"size\":3}}")
                    .getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean gone(KubeClient client, String ns) {
    try {
      client.resources(Namespace.class).get(ns);
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  private static NamespaceCondition condition(KubeClient client, String ns, String type) {
    Namespace n = client.resources(Namespace.class).get(ns);
    if (n.status() == null) {
      return null;
    }
    return n.status().conditions().stream()
        .filter(c -> type.equals(c.type()))
        .findFirst()
        .orElse(null);
  }

  @Test
  void aDeletedNamespaceIsEmptiedOfPodsConfigMapsAndCustomObjectsThenRemoved(
      KubeClient client, ApiServer server, FakeClock clock) throws Exception {
    if (server.registry().byGvr(WIDGETS.gvr()).isEmpty()) {
      server.registry().register(WIDGETS);
    }
    String ns = "emptied";
    client.resources(Namespace.class).create(namespace(ns));
    client.resources(Pod.class).inNamespace(ns).create(pod("p1"));
    client.resources(Pod.class).inNamespace(ns).create(pod("p2"));
    client.resources(ConfigMap.class).inNamespace(ns).create(configMap("cm", null));
    client.generic(WIDGETS).inNamespace(ns).create(widget("w"));

    try (InformerFactory informers = InformerFactory.create(client);
        NamespaceController controller = new NamespaceController(client, informers, clock)) {
      controller.start();
      client.resources(Namespace.class).delete(ns, null);

      // The API server keeps the namespace, Terminating, until the controller finalizes it...
      Await.until(
          "namespace " + ns + " is gone", clock, Duration.ofMillis(50), () -> gone(client, ns));
    }
    // ...and by then its content is gone.
    assertThat(client.resources(Pod.class).inNamespace(ns).list(ListOptions.none()).items())
        .isEmpty();
    assertThat(client.resources(ConfigMap.class).inNamespace(ns).list(ListOptions.none()).items())
        .isEmpty();
    assertThat(client.generic(WIDGETS).inNamespace(ns).list(ListOptions.none()).items()).isEmpty();
  }

  @Test
  void withoutTheControllerADeletedNamespaceStaysTerminatingAndRefusesNewContent(
      KubeClient client) {
    String ns = "stays";
    client.resources(Namespace.class).create(namespace(ns));
    client.resources(Namespace.class).delete(ns, null);
    Namespace n = client.resources(Namespace.class).get(ns);
    assertThat(n.status().phase()).isEqualTo("Terminating");
    assertThat(n.spec().finalizers()).containsExactly("kubernetes");
    assertThat(n.metadata().deletionTimestamp()).isNotNull();
    assertThatThrownBy(
            () -> client.resources(ConfigMap.class).inNamespace(ns).create(configMap("x", null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void objectsWithFinalizersKeepTheNamespaceTerminatingWithConditionsUntilTheyGo(
      KubeClient client, FakeClock clock) throws Exception {
    String ns = "held";
    client.resources(Namespace.class).create(namespace(ns));
    client
        .resources(ConfigMap.class)
        .inNamespace(ns)
        .create(configMap("held", List.of("example.com/hold")));
    client.resources(ConfigMap.class).inNamespace(ns).create(configMap("free", null));

    try (InformerFactory informers = InformerFactory.create(client);
        NamespaceController controller = new NamespaceController(client, informers, clock)) {
      controller.start();
      client.resources(Namespace.class).delete(ns, null);

      Await.until(
          "the namespace reports remaining content",
          () -> {
            NamespaceCondition c = condition(client, ns, NamespaceConditions.CONTENT_REMAINING);
            return c != null && "True".equals(c.status());
          });
      NamespaceCondition remaining = condition(client, ns, "NamespaceContentRemaining");
      assertThat(remaining.reason()).isEqualTo("SomeResourcesRemain");
      assertThat(remaining.message())
          .isEqualTo("Some resources are remaining: configmaps. has 1 resource instances");
      NamespaceCondition finalizers = condition(client, ns, "NamespaceFinalizersRemaining");
      assertThat(finalizers.status()).isEqualTo("True");
      assertThat(finalizers.reason()).isEqualTo("SomeFinalizersRemain");
      assertThat(finalizers.message())
          .isEqualTo(
              "Some content in the namespace has finalizers remaining: example.com/hold in 1"
                  + " resource instances");
      NamespaceCondition discovery = condition(client, ns, "NamespaceDeletionDiscoveryFailure");
      assertThat(discovery.status()).isEqualTo("False");
      assertThat(discovery.reason()).isEqualTo("ResourcesDiscovered");
      assertThat(condition(client, ns, "NamespaceDeletionContentFailure").reason())
          .isEqualTo("ContentDeleted");
      assertThat(condition(client, ns, "NamespaceDeletionGroupVersionParsingFailure").reason())
          .isEqualTo("ParsedGroupVersions");

      // The controller looks again after 15/2+1 = 8 s; the object still holds the namespace. (The
      // conditions are written during the sync, the timer is set when it returns: wait for it.)
      Await.until(
          "the controller to schedule its next look", () -> !clock.pendingDueTimes().isEmpty());
      clock.advance(Duration.ofSeconds(9));
      clock.advance(Duration.ofSeconds(9));
      Namespace held = client.resources(Namespace.class).get(ns);
      assertThat(held.status().phase()).isEqualTo("Terminating");
      assertThat(held.spec().finalizers()).containsExactly("kubernetes");
      assertThat(client.resources(ConfigMap.class).inNamespace(ns).get("held").metadata())
          .extracting(ObjectMeta::deletionTimestamp)
          .isNotNull();

      // The finalizer goes; the object goes; the next look finalizes the namespace.
      client
          .resources(ConfigMap.class)
          .inNamespace(ns)
          .patch(
              "held",
              PatchType.MERGE,
              KubeJson.parse(
                  "{\"metadata\":{\"finalizers\":null}}".getBytes(StandardCharsets.UTF_8)));
      Await.until(
          "namespace " + ns + " is gone", clock, Duration.ofSeconds(1), () -> gone(client, ns));
    }
  }
}
