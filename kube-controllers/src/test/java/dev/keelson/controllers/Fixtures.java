package dev.keelson.controllers;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodIP;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodStatus;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.IntOrString;
import dev.keelson.client.KubeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Objects and waiting for the controller tests. */
public final class Fixtures {
  private Fixtures() {}

  /** Polls {@code value} until it is non-null and not false, for at most {@code timeout}. */
  public static <T> T await(Duration timeout, String what, Supplier<T> value) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = value.get();
        if (v != null && !Boolean.FALSE.equals(v)) {
          return v;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out waiting for " + what, last);
  }

  /** Waits up to 20 s. */
  public static <T> T await(String what, Supplier<T> value) {
    return await(Duration.ofSeconds(20), what, value);
  }

  /** A container port, TCP. */
  public static ContainerPort port(String name, int number) {
    return new ContainerPort(name, null, number, "TCP", null);
  }

  /** A pod with labels, one container with {@code ports}, on {@code node} (null: unbound). */
  public static Pod pod(
      String namespace,
      String name,
      Map<String, String> labels,
      String node,
      ContainerPort... ports) {
    Container c =
        ContainerBuilder.builder().name("c").image("nginx:1").ports(List.of(ports)).build();
    return PodBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder().namespace(namespace).name(name).labels(labels).build())
        .spec(PodSpecBuilder.builder().containers(List.of(c)).nodeName(node).build())
        .build();
  }

  /** A status with phase Running, these IPs, and Ready as given. */
  public static PodStatus running(boolean ready, String... ips) {
    List<PodIP> podIps = new ArrayList<>();
    for (String ip : ips) {
      podIps.add(new PodIP(ip));
    }
    PodCondition c =
        new PodCondition("Ready", null, ready ? "True" : "False", null, Instant.now(), null, null);
    return PodStatusBuilder.builder()
        .phase("Running")
        .podIP(ips.length == 0 ? null : ips[0])
        .podIPs(podIps)
        .conditions(List.of(c))
        .build();
  }

  /** Creates the pod and then sets its status. */
  public static Pod createRunning(KubeClient client, Pod pod, PodStatus status) {
    var api = client.resources(Pod.class).inNamespace(pod.metadata().namespace());
    Pod created = api.create(pod);
    return api.updateStatus(created.withStatus(status));
  }

  /** Sets a pod's status again (re-reading it first). */
  public static Pod setStatus(KubeClient client, String namespace, String name, PodStatus status) {
    var api = client.resources(Pod.class).inNamespace(namespace);
    return api.updateStatus(api.get(name).withStatus(status));
  }

  /** A service port targeting {@code target} (a number or a container port name). */
  public static ServicePort servicePort(String name, int port, Object target) {
    IntOrString t =
        target instanceof Integer i ? IntOrString.of(i) : IntOrString.of(String.valueOf(target));
    return new ServicePort(name, "TCP", null, port, t, null);
  }

  /** A ClusterIP service (or headless when {@code headless}) selecting {@code selector}. */
  public static Service service(
      String namespace,
      String name,
      Map<String, String> selector,
      boolean headless,
      boolean publishNotReady,
      ServicePort... ports) {
    return ServiceBuilder.builder()
        .metadata(
            ObjectMetaBuilder.builder()
                .namespace(namespace)
                .name(name)
                .labels(Map.of("team", "blue"))
                .build())
        .spec(
            ServiceSpecBuilder.builder()
                .selector(selector)
                .clusterIP(headless ? "None" : null)
                .publishNotReadyAddresses(publishNotReady ? Boolean.TRUE : null)
                .ports(List.of(ports))
                .build())
        .build();
  }
}
