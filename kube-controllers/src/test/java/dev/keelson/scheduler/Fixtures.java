package dev.keelson.scheduler;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeBuilder;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.NodeStatusBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Nodes and pods for scheduler tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A node with {@code cpu} cores, {@code memGi} GiB, 110 pods, and these labels. */
  public static Node node(String name, String cpu, String mem, Map<String, String> labels) {
    Map<String, String> l = new HashMap<>(labels);
    l.putIfAbsent("kubernetes.io/hostname", name);
    Map<String, Quantity> alloc =
        Map.of(
            "cpu",
            Quantity.parse(cpu),
            "memory",
            Quantity.parse(mem),
            "pods",
            Quantity.parse("110"));
    return NodeBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().name(name).labels(l).build())
        .spec(NodeSpecBuilder.builder().build())
        .status(NodeStatusBuilder.builder().capacity(alloc).allocatable(alloc).build())
        .build();
  }

  /** A 4-core 8Gi node. */
  public static Node node(String name) {
    return node(name, "4", "8Gi", Map.of());
  }

  /** The node with taints. */
  public static Node tainted(Node node, Taint... taints) {
    return node.withSpec(node.spec().withTaints(List.of(taints)));
  }

  /** A pod in {@code default} with one container requesting {@code cpu} and {@code mem}. */
  public static Pod pod(String name, String cpu, String mem) {
    return pod(name, cpu, mem, s -> s);
  }

  /** A pod with requests, its spec adjusted by {@code spec}. */
  public static Pod pod(String name, String cpu, String mem, UnaryOperator<PodSpec> spec) {
    Map<String, Quantity> req = new HashMap<>();
    if (cpu != null) {
      req.put("cpu", Quantity.parse(cpu));
    }
    if (mem != null) {
      req.put("memory", Quantity.parse(mem));
    }
    Container c =
        ContainerBuilder.builder()
            .name("c")
            .image("registry.example/app:1")
            .resources(new ResourceRequirements(null, req, null))
            .build();
    PodSpec s = PodSpecBuilder.builder().containers(List.of(c)).build();
    return PodBuilder.builder()
        .metadata(ObjectMetaBuilder.builder().namespace("default").name(name).build())
        .spec(spec.apply(s))
        .build();
  }

  /** The pod with labels. */
  public static Pod labeled(Pod pod, Map<String, String> labels) {
    return pod.withMetadata(pod.metadata().withLabels(labels));
  }

  /** The pod bound to {@code node}. */
  public static Pod on(Pod pod, String node) {
    return pod.withSpec(pod.spec().withNodeName(node));
  }
}
