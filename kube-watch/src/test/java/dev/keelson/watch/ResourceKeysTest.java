package dev.keelson.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceKeysTest {
  @Test
  void coreGroupKeysLeaveOutTheGroupAsKubernetesDoes() {
    ResourceKeys pods = ResourceKeys.namespaced("", "pods");
    assertThat(pods.key("default", "web")).isEqualTo("/registry/pods/default/web");
    assertThat(pods.prefix()).isEqualTo("/registry/pods/");
    assertThat(pods.prefix("default")).isEqualTo("/registry/pods/default/");
    assertThat(pods.parse("/registry/pods/default/web"))
        .isEqualTo(new ResourceKeys.ObjectName("default", "web"));
  }

  @Test
  void otherGroupsAreInTheKeyAndClusterScopedResourcesHaveNoNamespace() {
    assertThat(ResourceKeys.namespaced("apps", "deployments").key("ns", "d"))
        .isEqualTo("/registry/apps/deployments/ns/d");
    ResourceKeys namespaces = ResourceKeys.clusterScoped("", "namespaces");
    assertThat(namespaces.key(null, "default")).isEqualTo("/registry/namespaces/default");
    assertThat(namespaces.prefix("ignored")).isEqualTo("/registry/namespaces/");
    assertThat(namespaces.parse("/registry/namespaces/default").namespace()).isEmpty();
  }

  @Test
  void malformedKeysAndSegmentsAreRefused() {
    ResourceKeys pods = ResourceKeys.namespaced("", "pods");
    assertThatThrownBy(() -> pods.key(null, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pods.key("a/b", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pods.parse("/registry/podtemplates/a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pods.parse("/registry/pods/onlynamespace"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
