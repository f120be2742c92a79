package dev.keelson.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.apps.v1.RollingUpdateStatefulSetStrategy;
import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.apps.v1.StatefulSetBuilder;
import dev.keelson.api.apps.v1.StatefulSetSpec;
import dev.keelson.api.apps.v1.StatefulSetSpecBuilder;
import dev.keelson.api.apps.v1.StatefulSetStatus;
import dev.keelson.api.apps.v1.StatefulSetUpdateStrategy;
import dev.keelson.api.core.v1.PersistentVolumeClaim;
import dev.keelson.api.core.v1.PersistentVolumeClaimSpecBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.controllers.support.ControllerRevisions;
import dev.keelson.controllers.testing.Templates;
import dev.keelson.controllers.testing.WorkloadKubelet;
import dev.keelson.controllers.testing.WorkloadKubelet.Await;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KeelsonTest
class StatefulSetControllerTest {
  private static final String NS = "default";
  private KubeClient client;
  private InformerFactory informers;
  private StatefulSetController controller;
  private WorkloadKubelet kubelet;
  private Resources<StatefulSet> sets;

  @BeforeEach
  void start(KubeClient client, FakeClock clock) {
    this.client = client;
    informers = InformerFactory.create(client, clock, InformerOptions.defaults());
    controller = new StatefulSetController(client, informers, clock);
    informers.start();
    controller.start();
    kubelet = new WorkloadKubelet(client, NS, clock);
    sets = client.resources(StatefulSet.class).inNamespace(NS);
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
  }

  private StatefulSet create(String name, UnaryOperator<StatefulSetSpecBuilder> spec) {
    StatefulSetSpecBuilder b =
        StatefulSetSpecBuilder.builder()
            .replicas(3)
            .selector(Templates.selector(name))
            .template(Templates.pod(name, "nginx:1"))
            .serviceName(name);
    return sets.create(
        StatefulSetBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(name).namespace(NS).build())
            .spec(spec.apply(b).build())
            .build());
  }

  private StatefulSet change(String name, UnaryOperator<StatefulSetSpec> change) {
    for (int i = 0; ; i++) {
      StatefulSet s = sets.get(name);
      try {
        return sets.update(s.withSpec(change.apply(s.spec())));
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
  }

  private boolean exists(String pod) {
    try {
      client.resources(Pod.class).inNamespace(NS).get(pod);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Adds a finalizer so that a deleted pod stays terminating until {@link #release}. */
  private void hold(String pod) {
    editPod(pod, m -> m.withFinalizers(List.of("keelson.dev/test-hold")));
  }

  private void release(String pod) {
    editPod(pod, m -> m.withFinalizers(List.of()));
  }

  private void editPod(String pod, UnaryOperator<ObjectMeta> change) {
    Resources<Pod> pods = client.resources(Pod.class).inNamespace(NS);
    for (int i = 0; ; i++) {
      Pod p = pods.get(pod);
      try {
        pods.update(p.withMetadata(change.apply(p.metadata())));
        return;
      } catch (dev.keelson.api.errors.ConflictException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
  }

  private void awaitTerminating(String pod) {
    Await.until(
        pod + " terminating",
        () -> client.resources(Pod.class).inNamespace(NS).get(pod).metadata(),
        m -> m.deletionTimestamp() != null);
  }

  private Pod pod(String name) {
    return kubelet.await(name);
  }

  private void awaitGone(String pod) {
    Await.until(pod + " deleted", () -> exists(pod) ? null : Boolean.TRUE);
  }

  private StatefulSetStatus awaitStatus(
      String name, java.util.function.Predicate<StatefulSetStatus> test) {
    return Await.until(
        "status of " + name, () -> sets.get(name).status(), s -> s != null && test.test(s));
  }

  private static PersistentVolumeClaim claimTemplate(String name) {
    return new PersistentVolumeClaim(
        null,
        null,
        ObjectMeta.named(name),
        PersistentVolumeClaimSpecBuilder.builder().accessModes(List.of("ReadWriteOnce")).build(),
        null);
  }

  @Test
  void orderedReadyCreatesPodsOneAtATimeWithStableIdentityAndStorage() {
    create("web", b -> b.volumeClaimTemplates(List.of(claimTemplate("data"))));

    Pod web0 = pod("web-0");
    assertThat(web0.metadata().labels())
        .containsEntry("app", "web")
        .containsEntry(StatefulPods.POD_NAME_LABEL, "web-0")
        .containsEntry(StatefulPods.POD_INDEX_LABEL, "0")
        .containsKey(ControllerRevisions.POD_REVISION_LABEL);
    assertThat(web0.spec().hostname()).isEqualTo("web-0");
    assertThat(web0.spec().subdomain()).isEqualTo("web");
    assertThat(web0.spec().volume("data").persistentVolumeClaim().claimName())
        .isEqualTo("data-web-0");
    assertThat(web0.metadata().controllerReference().kind()).isEqualTo("StatefulSet");
    PersistentVolumeClaim claim =
        Await.until(
            "claim data-web-0",
            () -> {
              try {
                return client
                    .resources(PersistentVolumeClaim.class)
                    .inNamespace(NS)
                    .get("data-web-0");
              } catch (NotFoundException e) {
                return null;
              }
            });
    assertThat(claim.metadata().labels()).containsEntry("app", "web");

    // web-1 waits until web-0 is Running and Ready
    kubelet.runNotReady("web-0");
    Await.stays("web-1 absent", () -> exists("web-1"), e -> !e, Duration.ofMillis(400));
    kubelet.runReady("web-0");
    pod("web-1");
    assertThat(exists("web-2")).isFalse();
    kubelet.runReady("web-1");
    pod("web-2");
    kubelet.runReady("web-2");

    StatefulSetStatus status =
        awaitStatus("web", s -> Integer.valueOf(3).equals(s.readyReplicas()));
    assertThat(status.replicas()).isEqualTo(3);
    assertThat(status.availableReplicas()).isEqualTo(3);
    assertThat(status.currentReplicas()).isEqualTo(3);
    assertThat(status.updatedReplicas()).isEqualTo(3);
    assertThat(status.currentRevision()).isEqualTo(status.updateRevision()).startsWith("web-");
    assertThat(status.observedGeneration()).isEqualTo(1L);
    assertThat(status.collisionCount()).isZero();
    ControllerRevision revision =
        client.resources(ControllerRevision.class).inNamespace(NS).get(status.updateRevision());
    assertThat(revision.revision()).isEqualTo(1L);
    assertThat(revision.metadata().labels())
        .containsEntry(
            ControllerRevisions.HASH_LABEL, status.updateRevision().substring("web-".length()));
    assertThat(ControllerRevisions.templateOf(revision).spec().containers().get(0).image())
        .isEqualTo("nginx:1");
  }

  @Test
  void orderedReadyScalesDownFromTheHighestOrdinalAndKeepsClaims() {
    create("db", b -> b.volumeClaimTemplates(List.of(claimTemplate("data"))));
    for (int i = 0; i < 3; i++) {
      pod("db-" + i);
      kubelet.runReady("db-" + i);
    }
    awaitStatus("db", s -> Integer.valueOf(3).equals(s.readyReplicas()));

    hold("db-1");
    hold("db-2");
    change("db", s -> s.withReplicas(1));
    awaitTerminating("db-2");
    Await.stays(
        "db-1 not deleted while db-2 terminates",
        () -> client.resources(Pod.class).inNamespace(NS).get("db-1").metadata(),
        m -> m.deletionTimestamp() == null,
        Duration.ofMillis(400));
    release("db-2");
    awaitGone("db-2");
    awaitTerminating("db-1");
    assertThat(exists("db-0")).isTrue();
    release("db-1");
    awaitGone("db-1");
    awaitStatus("db", s -> Integer.valueOf(1).equals(s.replicas()));
    assertThat(client.resources(PersistentVolumeClaim.class).inNamespace(NS).get("data-db-2"))
        .isNotNull();
  }

  @Test
  void orderedReadyScaleDownWaitsForUnhealthyPods() {
    create("q", b -> b);
    for (int i = 0; i < 3; i++) {
      pod("q-" + i);
      kubelet.runReady("q-" + i);
    }
    awaitStatus("q", s -> Integer.valueOf(3).equals(s.readyReplicas()));
    kubelet.runNotReady("q-0");
    awaitStatus("q", s -> Integer.valueOf(2).equals(s.readyReplicas()));
    change("q", s -> s.withReplicas(2));
    Await.stays("q-2 kept", () -> exists("q-2"), e -> e, Duration.ofMillis(400));
    kubelet.runReady("q-0");
    awaitGone("q-2");
  }

  @Test
  void parallelCreatesAndDeletesAllPodsAtOnce() {
    create("par", b -> b.podManagementPolicy("Parallel"));
    pod("par-0");
    pod("par-1");
    pod("par-2");
    change("par", s -> s.withReplicas(0));
    awaitGone("par-0");
    awaitGone("par-1");
    awaitGone("par-2");
  }

  @Test
  void failedPodIsReplaced() {
    create("f", b -> b.replicas(1));
    String uid = pod("f-0").metadata().uid();
    kubelet.fail("f-0");
    Await.until(
        "f-0 recreated",
        () -> {
          try {
            Pod p = client.resources(Pod.class).inNamespace(NS).get("f-0");
            return uid.equals(p.metadata().uid()) ? null : p;
          } catch (NotFoundException e) {
            return null;
          }
        });
  }

  @Test
  void rollingUpdateWithPartitionUpdatesFromTheHighestOrdinalDown() {
    create(
        "app",
        b ->
            b.updateStrategy(
                new StatefulSetUpdateStrategy(
                    "RollingUpdate", new RollingUpdateStatefulSetStrategy(1, null))));
    for (int i = 0; i < 3; i++) {
      pod("app-" + i);
      kubelet.runReady("app-" + i);
    }
    StatefulSetStatus before =
        awaitStatus("app", s -> Integer.valueOf(3).equals(s.readyReplicas()));
    String oldRevision = before.currentRevision();

    change("app", s -> s.withTemplate(Templates.pod("app", "nginx:2")));
    Pod app2 = awaitRevision("app-2", r -> !r.equals(oldRevision));
    assertThat(app2.spec().containers().get(0).image()).isEqualTo("nginx:2");
    // app-1 waits for app-2 to be Ready
    Await.stays("app-1 old", () -> revision("app-1"), oldRevision::equals, Duration.ofMillis(400));
    kubelet.runReady("app-2");
    awaitRevision("app-1", r -> !r.equals(oldRevision));
    kubelet.runReady("app-1");
    StatefulSetStatus partial =
        awaitStatus(
            "app",
            s ->
                Integer.valueOf(2).equals(s.updatedReplicas())
                    && Integer.valueOf(3).equals(s.readyReplicas()));
    assertThat(partial.currentRevision()).isEqualTo(oldRevision);
    assertThat(partial.updateRevision()).isNotEqualTo(oldRevision);
    assertThat(partial.currentReplicas()).isEqualTo(1);
    Await.stays("app-0 old", () -> revision("app-0"), oldRevision::equals, Duration.ofMillis(300));

    change(
        "app",
        s ->
            s.withUpdateStrategy(
                new StatefulSetUpdateStrategy(
                    "RollingUpdate", new RollingUpdateStatefulSetStrategy(0, null))));
    awaitRevision("app-0", r -> !r.equals(oldRevision));
    kubelet.runReady("app-0");
    StatefulSetStatus done =
        awaitStatus("app", s -> s.updateRevision().equals(s.currentRevision()));
    assertThat(done.currentReplicas()).isEqualTo(3);
    assertThat(done.updatedReplicas()).isEqualTo(3);
    List<ControllerRevision> revisions =
        client
            .resources(ControllerRevision.class)
            .inNamespace(NS)
            .list(ListOptions.builder().labelSelector("app=app").build())
            .items();
    assertThat(revisions).hasSize(2);
  }

  @Test
  void onDeleteLeavesPodsUntilTheyAreDeleted() {
    create(
        "od", b -> b.replicas(1).updateStrategy(new StatefulSetUpdateStrategy("OnDelete", null)));
    pod("od-0");
    kubelet.runReady("od-0");
    StatefulSetStatus before = awaitStatus("od", s -> Integer.valueOf(1).equals(s.readyReplicas()));
    change("od", s -> s.withTemplate(Templates.pod("od", "nginx:2")));
    awaitStatus("od", s -> !s.updateRevision().equals(before.updateRevision()));
    Await.stays(
        "od-0 old",
        () -> revision("od-0"),
        before.currentRevision()::equals,
        Duration.ofMillis(400));
    client.resources(Pod.class).inNamespace(NS).delete("od-0", null);
    Pod replaced = awaitRevision("od-0", r -> !r.equals(before.currentRevision()));
    assertThat(replaced.spec().containers().get(0).image()).isEqualTo("nginx:2");
  }

  @Test
  void adoptsAnOrphanPodThatMatchesItsSelector() {
    Pod orphan =
        client
            .resources(Pod.class)
            .inNamespace(NS)
            .create(
                new Pod(
                    null,
                    null,
                    ObjectMetaBuilder.builder()
                        .name("adopt-0")
                        .namespace(NS)
                        .labels(java.util.Map.of("app", "adopt"))
                        .build(),
                    Templates.pod("adopt", "nginx:1").spec(),
                    null));
    create("adopt", b -> b.replicas(1));
    Pod adopted =
        Await.until(
            "adopt-0 adopted",
            () -> client.resources(Pod.class).inNamespace(NS).get("adopt-0"),
            p -> p.metadata().controllerReference() != null);
    assertThat(adopted.metadata().uid()).isEqualTo(orphan.metadata().uid());
    assertThat(adopted.metadata().controllerReference().name()).isEqualTo("adopt");
  }

  private String revision(String pod) {
    try {
      return client
          .resources(Pod.class)
          .inNamespace(NS)
          .get(pod)
          .metadata()
          .label(ControllerRevisions.POD_REVISION_LABEL);
    } catch (NotFoundException e) {
      return null;
    }
  }

  private Pod awaitRevision(String pod, java.util.function.Predicate<String> test) {
    return Await.until(
        pod + " revision",
        () -> {
          try {
            Pod p = client.resources(Pod.class).inNamespace(NS).get(pod);
            String r = p.metadata().label(ControllerRevisions.POD_REVISION_LABEL);
            return r != null && test.test(r) ? p : null;
          } catch (NotFoundException e) {
            return null;
          }
        });
  }
}
