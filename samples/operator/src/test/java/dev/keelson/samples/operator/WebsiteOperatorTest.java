package dev.keelson.samples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GenericObject;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.Condition;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.testkit.KeelsonExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Website operator, run by a Manager against the test kit's API server. */
class WebsiteOperatorTest {
  @RegisterExtension static final KeelsonExtension keelson = WebsiteTestServer.servingWebsites();

  @org.junit.jupiter.api.BeforeAll
  static void installCrd(KubeClient client) throws InterruptedException {
    WebsiteTestServer.installCrd(client);
  }

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private KubeClient client;
  private FakeClock clock;
  private Manager manager;
  private Controller controller;
  private String ns;
  private Resources<GenericObject> websites;
  private Resources<Deployment> deployments;
  private Resources<Service> services;

  @BeforeEach
  void startOperator(KubeClient client, FakeClock clock) {
    this.client = client;
    this.clock = clock;
    ns = "web-" + NAMESPACES.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    websites = client.generic(Website.RESOURCE).inNamespace(ns);
    deployments = client.resources(Deployment.class).inNamespace(ns);
    services = client.resources(Service.class).inNamespace(ns);
    // The queue runs on real time (retries back off for real); condition times come from the fake
    // clock, so tests can state them exactly.
    manager = Manager.builder(client).gracefulShutdownTimeout(Duration.ofSeconds(5)).build();
    controller = WebsiteOperator.install(manager, clock);
    manager.start();
  }

  @AfterEach
  void stopOperator() {
    manager.close();
  }

  private Website create(String name, String image, Integer replicas, Integer port) {
    Website site = Website.of(ObjectMeta.named(ns, name), new WebsiteSpec(image, replicas, port));
    return Website.from(websites.create(site.toGeneric()));
  }

  private Website website(String name) {
    return Website.from(websites.get(name));
  }

  private static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      T value;
      try {
        value = probe.get();
      } catch (NotFoundException e) {
        value = null;
      }
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private boolean isReady(String site) {
    Condition c = condition(site, WebsiteConditions.READY);
    return c != null && "True".equals(c.status());
  }

  private Condition condition(String site, String type) {
    WebsiteStatus s = website(site).status();
    return s == null ? null : s.condition(type);
  }

  private void markReady(String name, int replicas) {
    Deployment d = deployments.get(name);
    deployments.updateStatus(
        d.withStatus(
            new DeploymentStatus(
                d.metadata().generation(),
                replicas,
                replicas,
                replicas,
                replicas,
                0,
                null,
                List.of(),
                null)));
  }

  @Test
  void aWebsiteGetsADeploymentAndAServiceThatItControls() {
    Instant t0 = clock.instant();
    Website site = create("blog", "nginx:1.27", 2, 8080);

    Deployment d = await("the Deployment", () -> deployments.get("blog"));
    OwnerReference ref = d.metadata().controllerReference();
    assertThat(ref).isNotNull();
    assertThat(ref.apiVersion()).isEqualTo("samples.keelson.dev/v1");
    assertThat(ref.kind()).isEqualTo("Website");
    assertThat(ref.name()).isEqualTo("blog");
    assertThat(ref.uid()).isEqualTo(site.metadata().uid());
    assertThat(ref.blockOwnerDeletion()).isTrue();
    assertThat(d.spec().replicas()).isEqualTo(2);
    assertThat(d.spec().selector().matchLabels())
        .containsEntry("app.kubernetes.io/instance", "blog");
    Container web = d.spec().template().spec().containers().get(0);
    assertThat(web.name()).isEqualTo("web");
    assertThat(web.image()).isEqualTo("nginx:1.27");
    assertThat(web.ports().get(0).containerPort()).isEqualTo(8080);

    Service s = await("the Service", () -> services.get("blog"));
    assertThat(s.metadata().controllerReference().uid()).isEqualTo(site.metadata().uid());
    ServicePort port = s.spec().ports().get(0);
    assertThat(port.port()).isEqualTo(8080);
    assertThat(port.targetPort()).isEqualTo(IntOrString.of(8080));
    assertThat(s.spec().selector()).isEqualTo(WebsiteObjects.selector(site));

    Condition ready = await("Ready", () -> condition("blog", WebsiteConditions.READY));
    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo("ReplicasNotReady");
    assertThat(ready.message()).isEqualTo("0 of 2 replicas ready, 0 updated");
    assertThat(ready.observedGeneration()).isEqualTo(1);
    assertThat(ready.lastTransitionTime()).isEqualTo(t0);
    Condition progressing = condition("blog", WebsiteConditions.PROGRESSING);
    assertThat(progressing.status()).isEqualTo("True");
    assertThat(progressing.reason()).isEqualTo("RollingOut");
    WebsiteStatus status = website("blog").status();
    assertThat(status.observedGeneration()).isEqualTo(1);
    assertThat(status.readyReplicas()).isZero();
    assertThat(manager.controllerMetrics().stats(WebsiteOperator.NAME).totalByResult())
        .containsKey("success");
  }

  @Test
  void readinessFollowsTheDeploymentAndTransitionTimesChangeOnlyOnTransitions() {
    Instant t0 = clock.instant();
    create("shop", "shop:1", 3, null);
    await("not ready", () -> condition("shop", WebsiteConditions.READY));

    clock.advance(Duration.ofMinutes(1));
    markReady("shop", 1); // not enough: still not ready, no transition
    await(
        "1 ready",
        () -> {
          WebsiteStatus s = website("shop").status();
          return s != null && s.readyReplicas() == 1;
        });
    assertThat(condition("shop", WebsiteConditions.READY).lastTransitionTime()).isEqualTo(t0);
    assertThat(condition("shop", WebsiteConditions.READY).message())
        .isEqualTo("1 of 3 replicas ready, 1 updated");

    clock.advance(Duration.ofMinutes(1));
    Instant t2 = clock.instant();
    markReady("shop", 3);
    Condition ready =
        await(
            "Ready=True",
            () -> {
              Condition c = condition("shop", WebsiteConditions.READY);
              return c != null && c.status().equals("True") ? c : null;
            });
    assertThat(ready.reason()).isEqualTo("Available");
    assertThat(ready.message()).isEqualTo("all 3 replicas are ready");
    assertThat(ready.lastTransitionTime()).isEqualTo(t2);
    Condition progressing = condition("shop", WebsiteConditions.PROGRESSING);
    assertThat(progressing.status()).isEqualTo("False");
    assertThat(progressing.reason()).isEqualTo("RolloutComplete");
    assertThat(progressing.lastTransitionTime()).isEqualTo(t2);
    assertThat(website("shop").status().readyReplicas()).isEqualTo(3);
  }

  @Test
  void aSpecChangeRollsOutAndIsObservedByGeneration() {
    create("docs", "docs:1", 1, 80);
    await("the Deployment", () -> deployments.get("docs"));
    markReady("docs", 1);
    await("Ready=True", () -> isReady("docs"));

    Website current = website("docs");
    websites.update(current.withSpec(new WebsiteSpec("docs:2", 2, 9090)).toGeneric());

    Deployment d =
        await(
            "the new image",
            () -> {
              Deployment x = deployments.get("docs");
              return x.spec().replicas() == 2 ? x : null;
            });
    Container web = d.spec().template().spec().containers().get(0);
    assertThat(web.image()).isEqualTo("docs:2");
    assertThat(web.ports().get(0).containerPort()).isEqualTo(9090);
    await("the new port", () -> services.get("docs").spec().ports().get(0).port() == 9090);
    WebsiteStatus status =
        await(
            "generation 2 observed",
            () -> {
              WebsiteStatus s = website("docs").status();
              return s != null
                      && s.observedGeneration() == 2
                      && "False".equals(s.condition(WebsiteConditions.READY).status())
                  ? s
                  : null;
            });
    assertThat(status.condition(WebsiteConditions.READY).observedGeneration()).isEqualTo(2);
    assertThat(status.condition(WebsiteConditions.PROGRESSING).status()).isEqualTo("True");
  }

  @Test
  void driftIsCorrectedAndDeletedChildrenAreRecreated() {
    create("wiki", "wiki:1", 2, 80);
    Deployment d = await("the Deployment", () -> deployments.get("wiki"));
    await("the Service", () -> services.get("wiki"));

    deployments.update(d.withSpec(d.spec().withReplicas(7)));
    await("replicas back to 2", () -> deployments.get("wiki").spec().replicas() == 2);

    services.delete("wiki", null);
    Service again = await("the Service again", () -> services.get("wiki"));
    assertThat(again.spec().ports().get(0).port()).isEqualTo(80);
  }

  @Test
  void anInvalidSpecIsRefusedByTheCrdSchemaAndNothingIsCreated() {
    // The CRD's schema makes the API server refuse it (the reconciler's own check, which reports
    // InvalidSpec in the status, is for servers that do not validate).
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> create("broken", "", 1, 80))
        .isInstanceOf(dev.keelson.api.errors.InvalidException.class)
        .hasMessageContaining("spec.image: Required value");
    assertThat(deployments.list(dev.keelson.client.ListOptions.none()).items()).isEmpty();
  }

  @Test
  void aDeploymentOwnedBySomeoneElseIsLeftAlone() {
    Website stranger = Website.of(ObjectMeta.named(ns, "taken"), new WebsiteSpec("x:1", 1, 80));
    Deployment foreign =
        WebsiteObjects.deployment(
            stranger.withMetadata(stranger.metadata().withUid("someone-else")));
    foreign =
        deployments.create(foreign.withMetadata(foreign.metadata().withOwnerReferences(List.of())));
    create("taken", "mine:1", 3, 80);
    Condition ready = await("Ready", () -> condition("taken", WebsiteConditions.READY));
    assertThat(ready.reason()).isEqualTo("ResourceConflict");
    assertThat(ready.message())
        .isEqualTo("Deployment " + ns + "/taken exists and is not controlled by this Website");
    Deployment after = deployments.get("taken");
    assertThat(after.spec().replicas()).isEqualTo(1);
    assertThat(after.metadata().resourceVersion()).isEqualTo(foreign.metadata().resourceVersion());
  }
}
