package dev.keelson.apiserver.admission.plugins;

import static dev.keelson.apiserver.admission.plugins.FakeCluster.create;
import static dev.keelson.apiserver.admission.plugins.FakeCluster.yaml;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.UserInfo;
import org.junit.jupiter.api.Test;

class NamespaceLifecycleTest {
  private final FakeCluster cluster = new FakeCluster();
  private final NamespaceLifecycle plugin = new NamespaceLifecycle(cluster);

  private static Attributes deleteNamespace(String name) {
    return new Attributes(
        Operation.DELETE,
        new dev.keelson.api.GroupVersionKind("", "v1", "Namespace"),
        new dev.keelson.api.GroupVersionResource("", "v1", "namespaces"),
        null,
        null,
        name,
        null,
        yaml("metadata: {name: " + name + "}"),
        UserInfo.UNKNOWN,
        false);
  }

  @Test
  void createInMissingNamespaceIsNotFound() {
    assertThatThrownBy(
            () ->
                plugin.admit(
                    create(
                        "", "configmaps", "ConfigMap", yaml("metadata: {name: c, namespace: x}"))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("namespaces \"x\" not found");
  }

  @Test
  void createInTerminatingNamespaceIsForbidden() {
    cluster.put(
        NamespaceLifecycle.NAMESPACES,
        yaml("metadata: {name: x, deletionTimestamp: '2026-01-01T00:00:00Z'}"));
    assertThatThrownBy(
            () ->
                plugin.admit(
                    create(
                        "", "configmaps", "ConfigMap", yaml("metadata: {name: c, namespace: x}"))))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "configmaps \"c\" is forbidden: unable to create new content in namespace x because it"
                + " is being terminated");
  }

  @Test
  void immortalNamespacesCannotBeDeletedOthersCan() {
    for (String name : NamespaceLifecycle.IMMORTAL) {
      assertThatThrownBy(() -> plugin.admit(deleteNamespace(name)))
          .isInstanceOf(ForbiddenException.class)
          .hasMessage(
              "namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
    }
    assertThatCode(() -> plugin.admit(deleteNamespace("kube-node-lease")))
        .doesNotThrowAnyException();
  }
}
