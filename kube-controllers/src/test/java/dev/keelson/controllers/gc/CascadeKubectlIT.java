package dev.keelson.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.namespace.NamespaceController;
import dev.keelson.controllers.testing.Await;
import dev.keelson.controllers.testing.Kubectl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code delete --cascade=foreground|orphan|background} and {@code delete
 * namespace} against a server with the garbage collector and the namespace controller running.
 */
class CascadeKubectlIT {
  @TempDir Path dir;
  private ApiServer server;
  private KubeClient client;
  private InformerFactory informers;
  private GarbageCollector gc;
  private NamespaceController namespaces;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0));
    kubectl = Kubectl.forServer(server, dir);
    client = server.inProcessClient();
    informers = InformerFactory.create(client);
    gc = new GarbageCollector(client, informers, Clock.system());
    namespaces = new NamespaceController(client, informers, Clock.system());
    gc.start();
    namespaces.start();
    Await.until("the collector has synced", gc::hasSynced);
  }

  @AfterEach
  void stop() {
    if (namespaces != null) {
      namespaces.close();
    }
    if (gc != null) {
      gc.close();
    }
    if (informers != null) {
      informers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Resources<ConfigMap> maps() {
    return client.resources(ConfigMap.class).inNamespace("default");
  }

  private ConfigMap map(String name, OwnerReference... owners) {
    return maps()
        .create(
            new ConfigMap(
                "v1",
                "ConfigMap",
                ObjectMetaBuilder.builder().name(name).ownerReferences(List.of(owners)).build(),
                null,
                null,
                null));
  }

  private static OwnerReference ref(ConfigMap owner) {
    return new OwnerReference(
        "v1", "ConfigMap", owner.metadata().name(), owner.metadata().uid(), null, true);
  }

  private boolean gone(String name) {
    try {
      maps().get(name);
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  @Test
  void foregroundCascadeReturnsOnceTheOwnerIsGoneAfterItsDependents() throws Exception {
    ConfigMap owner = map("fg-owner");
    map("fg-dependent", ref(owner));
    String out = kubectl.ok("delete", "configmap", "fg-owner", "--cascade=foreground");
    assertThat(out).contains("configmap \"fg-owner\" deleted");
    // kubectl waited for the owner, which waited for its blocking dependent
    assertThat(gone("fg-dependent")).isTrue();
    assertThat(gone("fg-owner")).isTrue();
  }

  @Test
  void orphanCascadeKeepsTheDependentsWithoutTheReference() throws Exception {
    ConfigMap owner = map("or-owner");
    map("or-dependent", ref(owner));
    kubectl.ok("delete", "configmap", "or-owner", "--cascade=orphan");
    Await.until("the owner is gone", () -> gone("or-owner"));
    assertThat(maps().get("or-dependent").metadata().ownerReferences()).isEmpty();
  }

  @Test
  void backgroundCascadeDeletesTheDependentsAfterTheOwner() throws Exception {
    ConfigMap owner = map("bg-owner");
    map("bg-dependent", ref(owner));
    kubectl.ok("delete", "configmap", "bg-owner");
    Await.until("the dependent is collected", () -> gone("bg-dependent"));
  }

  @Test
  void deletingANamespaceWaitsUntilTheControllerHasEmptiedIt() throws Exception {
    kubectl.ok("create", "namespace", "doomed");
    kubectl.ok("create", "configmap", "c1", "-n", "doomed", "--from-literal=k=v");
    kubectl.ok("create", "secret", "generic", "s1", "-n", "doomed", "--from-literal=k=v");
    String out = kubectl.ok("delete", "namespace", "doomed");
    assertThat(out).contains("namespace \"doomed\" deleted");
    Await.until(
        "the namespace is gone",
        () -> {
          try {
            client.resources(Namespace.class).get("doomed");
            return false;
          } catch (NotFoundException e) {
            return true;
          }
        });
    assertThat(
            client
                .resources(ConfigMap.class)
                .inNamespace("doomed")
                .list(ListOptions.none())
                .items())
        .isEmpty();
  }
}
