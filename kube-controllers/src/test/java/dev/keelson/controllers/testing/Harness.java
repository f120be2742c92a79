package dev.keelson.controllers.testing;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentBuilder;
import dev.keelson.api.apps.v1.DeploymentSpecBuilder;
import dev.keelson.api.apps.v1.DeploymentStrategy;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.ReplicaSetBuilder;
import dev.keelson.api.apps.v1.ReplicaSetSpecBuilder;
import dev.keelson.api.apps.v1.RollingUpdateDeployment;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceBuilder;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.time.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's world: its own namespace, an informer factory, the controllers it starts and a fake
 * kubelet for the namespace. Close it at the end of the test.
 */
public final class Harness implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();

  public final KubeClient client;
  public final FakeClock clock;
  public final String namespace;
  public final InformerFactory informers;
  public final FakeKubelet kubelet;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** A harness in a fresh namespace {@code <prefix>-<n>}. */
  public Harness(KubeClient client, FakeClock clock, String prefix) {
    this.client = client;
    this.clock = clock;
    this.namespace = prefix + "-" + SEQ.incrementAndGet();
    Namespace ns = NamespaceBuilder.builder().metadata(ObjectMeta.named(namespace)).build();
    client.resources(Namespace.class).create(ns);
    this.informers = InformerFactory.create(client);
    this.kubelet = new FakeKubelet(client, clock, namespace);
  }

  /** Closes {@code c} (a controller) when the harness closes, before the informers. */
  public <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(c);
    return c;
  }

  /** A pod spec with one container running {@code image}, bound to node-1. */
  public static PodSpec podSpec(String image) {
    return PodSpecBuilder.builder()
        .nodeName("node-1")
        .containers(List.of(ContainerBuilder.builder().name("app").image(image).build()))
        .build();
  }

  /** A pod template with {@code labels} running {@code image}. */
  public static PodTemplateSpec template(Map<String, String> labels, String image) {
    return new PodTemplateSpec(ObjectMetaBuilder.builder().labels(labels).build(), podSpec(image));
  }

  /** A ReplicaSet selecting and templating {@code labels}. */
  public ReplicaSet replicaSet(String name, int replicas, Map<String, String> labels) {
    return ReplicaSetBuilder.builder()
        .metadata(ObjectMeta.named(namespace, name))
        .spec(
            ReplicaSetSpecBuilder.builder()
                .replicas(replicas)
                .selector(LabelSelector.matching(labels))
                .template(template(labels, "nginx:1"))
                .build())
        .build();
  }

  /** A RollingUpdate Deployment selecting and templating {@code labels}, running {@code image}. */
  public Deployment deployment(
      String name, int replicas, Map<String, String> labels, String image) {
    return DeploymentBuilder.builder()
        .metadata(ObjectMeta.named(namespace, name))
        .spec(
            DeploymentSpecBuilder.builder()
                .replicas(replicas)
                .selector(LabelSelector.matching(labels))
                .template(template(labels, image))
                .build())
        .build();
  }

  /** {@code d} with a RollingUpdate strategy of these bounds. */
  public static Deployment rolling(Deployment d, IntOrString maxSurge, IntOrString maxUnavailable) {
    return d.withSpec(
        d.spec()
            .withStrategy(
                new DeploymentStrategy(
                    "RollingUpdate", new RollingUpdateDeployment(maxUnavailable, maxSurge))));
  }

  /** {@code d} with the Recreate strategy. */
  public static Deployment recreate(Deployment d) {
    return d.withSpec(d.spec().withStrategy(new DeploymentStrategy("Recreate", null)));
  }

  /** Starts a ReplicaSet and a Deployment controller on this harness. */
  public Harness startControllers() {
    closeLater(
            new dev.keelson.controllers.replicaset.ReplicaSetController(
                client, informers, clock, 2))
        .start();
    closeLater(
            new dev.keelson.controllers.deployment.DeploymentController(
                client, informers, clock, 2))
        .start();
    return this;
  }

  @Override
  public void close() throws Exception {
    kubelet.close();
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    informers.close();
  }
}
