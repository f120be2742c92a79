package dev.keelson.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResourceRegistryTest {
  private final ResourceRegistry registry = ResourceRegistry.builtins();

  private static ResourceType widget(String version) {
    return ResourceType.of("example.com", version, "Widget", "widgets", true)
        .withShortNames(List.of("wd"))
        .withCategories(List.of("all", "example"));
  }

  @Test
  void deploymentResolvesFromEveryNameKubectlAccepts() {
    for (String name :
        List.of(
            "deployments",
            "deployment",
            "deploy",
            "Deployment",
            "DEPLOY",
            "deployments.apps",
            "deploy.apps",
            "deployments.v1.apps")) {
      assertThat(registry.resolve(name))
          .as(name)
          .get()
          .extracting(ResourceType::gvr)
          .isEqualTo(new GroupVersionResource("apps", "v1", "deployments"));
    }
  }

  @Test
  void coreShortNamesResolveToTheirResources() {
    assertThat(registry.resolve("po").orElseThrow().kind()).isEqualTo("Pod");
    assertThat(registry.resolve("svc").orElseThrow().kind()).isEqualTo("Service");
    assertThat(registry.resolve("ns").orElseThrow().kind()).isEqualTo("Namespace");
    assertThat(registry.resolve("no").orElseThrow().kind()).isEqualTo("Node");
    assertThat(registry.resolve("cm").orElseThrow().kind()).isEqualTo("ConfigMap");
    assertThat(registry.resolve("ep").orElseThrow().kind()).isEqualTo("Endpoints");
    assertThat(registry.resolve("sa").orElseThrow().kind()).isEqualTo("ServiceAccount");
    assertThat(registry.resolve("pvc").orElseThrow().kind()).isEqualTo("PersistentVolumeClaim");
    assertThat(registry.resolve("rs").orElseThrow().kind()).isEqualTo("ReplicaSet");
    assertThat(registry.resolve("sts").orElseThrow().kind()).isEqualTo("StatefulSet");
    assertThat(registry.resolve("ds").orElseThrow().kind()).isEqualTo("DaemonSet");
    assertThat(registry.resolve("cj").orElseThrow().kind()).isEqualTo("CronJob");
    assertThat(registry.resolve("crd").orElseThrow().kind()).isEqualTo("CustomResourceDefinition");
    assertThat(registry.resolve("crds").orElseThrow().kind()).isEqualTo("CustomResourceDefinition");
    assertThat(registry.resolve("endpointslice").orElseThrow().group())
        .isEqualTo("discovery.k8s.io");
    assertThat(registry.resolve("leases").orElseThrow().group()).isEqualTo("coordination.k8s.io");
    assertThat(registry.resolve("jobs").orElseThrow().group()).isEqualTo("batch");
    assertThat(registry.resolve("secret").orElseThrow().plural()).isEqualTo("secrets");
  }

  @Test
  void eventsInTwoGroupsResolveToCoreFirstAndByGroupWhenQualified() {
    assertThat(registry.resolveAll("ev"))
        .extracting(ResourceType::group)
        .containsExactly("", "events.k8s.io");
    assertThat(registry.resolve("events").orElseThrow().group()).isEmpty();
    assertThat(registry.resolve("events.events.k8s.io").orElseThrow().group())
        .isEqualTo("events.k8s.io");
    assertThat(registry.resolve("ev.v1.events.k8s.io").orElseThrow().group())
        .isEqualTo("events.k8s.io");
  }

  @Test
  void unknownNamesResolveToNothing() {
    assertThat(registry.resolve("gizmos")).isEmpty();
    assertThat(registry.resolve("deployments.batch")).isEmpty();
    assertThat(registry.resolve("deployments.v2.apps")).isEmpty();
  }

  @Test
  void exactLookupsByKindResourceAndGroupResource() {
    ResourceType pods = registry.byGvk(new GroupVersionKind("", "v1", "Pod")).orElseThrow();
    assertThat(pods.gvr()).isEqualTo(new GroupVersionResource("", "v1", "pods"));
    assertThat(registry.byGvr(pods.gvr())).contains(pods);
    assertThat(registry.byGroupResource(GroupResource.of("", "pods"))).contains(pods);
    assertThat(registry.byGvk(new GroupVersionKind("apps", "v1", "Pod"))).isEmpty();
    assertThat(pods.listKind()).isEqualTo("PodList");
    assertThat(pods.singular()).isEqualTo("pod");
    assertThat(pods.namespaced()).isTrue();
  }

  @Test
  void verbsAreThoseDiscoveryReports() {
    assertThat(registry.resolve("pods").orElseThrow().verbs())
        .containsExactly(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    assertThat(registry.resolve("namespaces").orElseThrow().verbs())
        .containsExactly("create", "delete", "get", "list", "patch", "update", "watch");
    assertThat(registry.resolve("nodes").orElseThrow().supports("deletecollection")).isTrue();
    assertThat(registry.resolve("bindings").orElseThrow().verbs()).containsExactly("create");
  }

  @Test
  void categoryAllHoldsTheWorkloadsAndServices() {
    assertThat(registry.inCategory("all"))
        .extracting(ResourceType::plural)
        .containsExactly(
            "pods",
            "services",
            "daemonsets",
            "deployments",
            "replicasets",
            "statefulsets",
            "cronjobs",
            "jobs");
    assertThat(registry.resolve("crd").orElseThrow().categories())
        .containsExactly("api-extensions");
    assertThat(registry.resolve("cm").orElseThrow().categories()).isEmpty();
  }

  @Test
  void subresourcesCarryTheirKindsAndVerbs() {
    ResourceType deployments = registry.resolve("deploy").orElseThrow();
    Subresource scale = deployments.subresource("scale").orElseThrow();
    assertThat(scale.kind()).isEqualTo(new GroupVersionKind("autoscaling", "v1", "Scale"));
    assertThat(scale.verbs()).containsExactly("get", "patch", "update");
    assertThat(deployments.subresource("status").orElseThrow().kind()).isEqualTo(deployments.gvk());
    ResourceType pods = registry.resolve("po").orElseThrow();
    assertThat(pods.subresources())
        .extracting(Subresource::name)
        .contains("binding", "exec", "log", "status", "eviction", "portforward", "attach");
    assertThat(pods.subresource("log").orElseThrow().verbs()).containsExactly("get");
    assertThat(registry.resolve("ds").orElseThrow().subresource("scale")).isEmpty();
    assertThat(registry.byGvk(ResourceType.SCALE_KIND)).isEmpty();
  }

  @Test
  void discoveryListsGroupsCoreFirstWithPreferredVersions() {
    assertThat(registry.groups())
        .containsExactly(
            "",
            "apps",
            "events.k8s.io",
            "authentication.k8s.io",
            "authorization.k8s.io",
            "batch",
            "networking.k8s.io",
            "policy",
            "rbac.authorization.k8s.io",
            "apiextensions.k8s.io",
            "scheduling.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io");
    assertThat(registry.versions("")).containsExactly("v1");
    assertThat(registry.preferredVersion("apps")).contains("v1");
    assertThat(registry.preferredVersion("example.com")).isEmpty();
    assertThat(registry.resources("apps", "v1"))
        .extracting(ResourceType::plural)
        .containsExactly(
            "controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets");
  }

  @Test
  void preferredVersionFollowsKubernetesVersionPriority() {
    ResourceRegistry r = new ResourceRegistry();
    for (String v : List.of("v1alpha1", "v1beta1", "v2beta1", "v1", "v1beta2", "foo")) {
      r.register(widget(v));
    }
    assertThat(r.versions("example.com"))
        .containsExactly("v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo");
    assertThat(r.preferredVersion("example.com")).contains("v1");
    assertThat(
            r.byGroupResource(GroupResource.of("example.com", "widgets")).orElseThrow().version())
        .isEqualTo("v1");
    assertThat(r.resolve("wd").orElseThrow().version()).isEqualTo("v1");
  }

  @Test
  void customResourcesAreAddedAndRemovedAtRunTime() {
    registry.register(widget("v1"));
    assertThat(registry.resolve("wd").orElseThrow().gvk())
        .isEqualTo(new GroupVersionKind("example.com", "v1", "Widget"));
    assertThat(registry.resolve("widget.example.com")).isPresent();
    assertThat(registry.groups()).endsWith("example.com");
    assertThat(registry.inCategory("all")).extracting(ResourceType::plural).endsWith("widgets");

    assertThat(registry.remove(new GroupVersionResource("example.com", "v1", "widgets")))
        .isPresent();
    assertThat(registry.resolve("wd")).isEmpty();
    assertThat(registry.groups()).doesNotContain("example.com");
    assertThat(registry.remove(new GroupVersionResource("example.com", "v1", "widgets"))).isEmpty();
  }

  @Test
  void removeAllDropsEveryVersionOfAResource() {
    registry.register(widget("v1"));
    registry.register(widget("v2"));
    assertThat(registry.removeAll(GroupResource.of("example.com", "widgets"))).hasSize(2);
    assertThat(registry.versions("example.com")).isEmpty();
  }

  @Test
  void registerAllIsAllOrNothing() {
    ResourceType gadgets = ResourceType.of("example.com", "v1", "Gadget", "gadgets", true);
    ResourceType clash = ResourceType.of("example.com", "v1", "Gizmo", "gadgets", true);
    assertThatThrownBy(() -> registry.registerAll(List.of(widget("v1"), gadgets, clash)))
        .isInstanceOf(ResourceConflictException.class);
    assertThat(registry.resolve("widgets")).isEmpty();
    assertThat(registry.groups()).doesNotContain("example.com");
    registry.registerAll(List.of(widget("v1"), gadgets));
    assertThat(registry.resources("example.com", "v1")).hasSize(2);
  }

  @Test
  void eachBuiltinsRegistryIsItsOwn() {
    ResourceRegistry other = ResourceRegistry.builtins();
    assertThat(other.all()).isEqualTo(registry.all());
    registry.register(widget("v1"));
    other.remove(new GroupVersionResource("", "v1", "pods"));
    assertThat(other.resolve("wd")).isEmpty();
    assertThat(ResourceRegistry.builtins().resolve("wd")).isEmpty();
    assertThat(registry.resolve("pods")).isPresent();
    assertThat(ResourceRegistry.builtins().resolve("pods")).isPresent();
  }

  @Test
  void registerAllOrdersAsRegisteringOneAtATime() {
    List<ResourceType> types =
        List.of(
            widget("v1beta1"),
            ResourceType.of("zoo.example", "v1", "Zebra", "zebras", false),
            widget("v2"),
            widget("v1beta1"),
            widget("v1"));
    ResourceRegistry oneByOne = new ResourceRegistry();
    for (ResourceType t : BuiltinResources.all()) {
      oneByOne.register(t);
    }
    types.forEach(oneByOne::register);
    registry.registerAll(types);
    assertThat(registry.all()).isEqualTo(oneByOne.all());
    assertThat(registry.groups())
        .isEqualTo(oneByOne.groups())
        .endsWith("example.com", "zoo.example");
    assertThat(registry.versions("example.com")).containsExactly("v2", "v1", "v1beta1");
    assertThat(registry.resources("example.com", "v1beta1")).hasSize(1);
  }

  @Test
  void registeringTheSameEntryTwiceIsANoOp() {
    registry.register(widget("v1"));
    registry.register(widget("v1"));
    assertThat(registry.resources("example.com", "v1")).hasSize(1);
  }

  @Test
  void aPluralServedWithAnotherKindIsAConflict() {
    registry.register(widget("v1"));
    assertThatThrownBy(
            () ->
                registry.register(ResourceType.of("example.com", "v1", "Gadget", "widgets", true)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessage(
            "resource \"widgets\" is already registered in group-version \"example.com/v1\" (kind Widget)");
    assertThatThrownBy(
            () ->
                registry.register(ResourceType.of("example.com", "v2", "Gadget", "widgets", true)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessage(
            "resource \"widgets\" already has kind \"Widget\" in group \"example.com\" (version v1), not \"Gadget\"");
  }

  @Test
  void aKindServedUnderAnotherPluralIsAConflict() {
    registry.register(widget("v1"));
    assertThatThrownBy(
            () ->
                registry.register(ResourceType.of("example.com", "v1", "Widget", "widgetz", true)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessage(
            "kind \"Widget\" is already served by resource \"widgets\" in group-version \"example.com/v1\"");
    assertThatThrownBy(
            () ->
                registry.register(ResourceType.of("example.com", "v2", "Widget", "widgetz", true)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("kind \"Widget\" is already served by resource \"widgets\"");
  }

  @Test
  void aShortNameTakenInTheGroupIsAConflictButNotAcrossGroups() {
    registry.register(widget("v1"));
    assertThatThrownBy(
            () ->
                registry.register(
                    ResourceType.of("example.com", "v1", "Gadget", "gadgets", true)
                        .withShortNames(List.of("wd"))))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessage(
            "name \"wd\" of resource \"gadgets\" is already used by resource \"widgets\" in group \"example.com\"");
    registry.register(
        ResourceType.of("other.example.com", "v1", "Gadget", "gadgets", true)
            .withShortNames(List.of("wd", "deploy")));
    assertThat(registry.resolveAll("wd"))
        .extracting(ResourceType::group)
        .containsExactly("example.com", "other.example.com");
    assertThat(registry.resolve("deploy").orElseThrow().group()).isEqualTo("apps");
  }

  @Test
  void javaTypeFallsBackToGenericObjectUntilTheRecordExists() {
    ResourceType widgets = widget("v1");
    assertThat(widgets.javaType()).isEqualTo(GenericObject.class);
    assertThat(widgets.isTyped()).isFalse();
    ResourceType pods = registry.resolve("pods").orElseThrow();
    assertThat(pods.javaTypeName()).isEqualTo("dev.keelson.api.core.v1.Pod");
    assertThat(registry.resolve("endpointslices").orElseThrow().javaTypeName())
        .isEqualTo("dev.keelson.api.discovery.v1.EndpointSlice");
    ResourceType typed = widgets.withJavaTypeName(ResourceRegistryTest.class.getName());
    assertThat(typed.javaType()).isEqualTo(ResourceRegistryTest.class);
    assertThat(widgets.withJavaTypeName("dev.keelson.api.nowhere.v1.Nothing").javaType())
        .isEqualTo(GenericObject.class);
  }

  @Test
  void everyBuiltinCoreResourceResolvesToItsRecord() {
    List<ResourceType> core = registry.resources("", "v1");
    assertThat(core).hasSize(13);
    for (ResourceType t : core) {
      assertThat(t.javaType().getName())
          .as(t.plural())
          .isEqualTo("dev.keelson.api.core.v1." + t.kind());
      assertThat(t.isTyped()).isTrue();
    }
  }

  @Test
  void aResourceNeedsALowerCasePlural() {
    assertThatThrownBy(() -> ResourceType.of("example.com", "v1", "Widget", "Widgets", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plural must be lower case: Widgets");
  }

  @Test
  void concurrentRegistrationsAllLandAndReadersNeverFail() throws Exception {
    ResourceRegistry r = ResourceRegistry.builtins();
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  r.register(
                      ResourceType.of("g" + n + ".example.com", "v1", "K" + n, "ks" + n, true));
                  return null;
                }));
      }
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 1000; i++) {
                  assertThat(r.resolve("pods")).isPresent();
                }
                return null;
              }));
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < writers; i++) {
      assertThat(r.resolve("ks" + i)).isPresent();
    }
  }
}
