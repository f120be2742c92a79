package dev.keelson.node.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContainerRuntime} must do, as CRI defines it; each runtime extends this ({@code
 * SimulatedRuntimeTest} here, a CRI runtime's {@code *IT} later).
 */
public abstract class ContainerRuntimeContractTest {
  /** A fresh runtime whose containers run until stopped. */
  protected abstract ContainerRuntime newRuntime();

  /** Lets runtime time pass (a fake clock's advance, or a real wait). */
  protected abstract void pass(Duration d);

  private static PodSandboxConfig sandbox(String name) {
    return new PodSandboxConfig(
        name, "ns", "uid-" + name, 0, name, "/var/log/pods/ns_" + name, false, Map.of(), Map.of());
  }

  private static ContainerConfig container(String name) {
    return new ContainerConfig(
        name, 0, "nginx", List.of(), List.of(), "", Map.of(), name + "/0.log", Map.of(), Map.of());
  }

  @Test
  void sandboxAndContainerGoThroughTheirStates() {
    try (ContainerRuntime rt = newRuntime()) {
      assertThat(rt.status().runtimeReady()).isTrue();
      String sb = rt.runPodSandbox(sandbox("a"));
      assertThat(rt.podSandboxStatus(sb).state()).isEqualTo(SandboxState.READY);
      String c = rt.createContainer(sb, container("app"));
      assertThat(rt.containerStatus(c).state()).isEqualTo(ContainerState.CREATED);
      rt.startContainer(c);
      pass(Duration.ZERO);
      ContainerInfo running = rt.containerStatus(c);
      assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
      assertThat(running.startedAt()).isNotNull();
      assertThat(rt.listContainers(sb)).extracting(ContainerInfo::id).containsExactly(c);
      assertThat(rt.execSync(c, List.of("true"), Duration.ofSeconds(1)).exitCode()).isZero();
      rt.stopContainer(c, Duration.ZERO);
      ContainerInfo exited = rt.containerStatus(c);
      assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
      assertThat(exited.finishedAt()).isNotNull();
      rt.stopPodSandbox(sb);
      assertThat(rt.podSandboxStatus(sb).state()).isEqualTo(SandboxState.NOT_READY);
      rt.removeContainer(c);
      rt.removePodSandbox(sb);
      rt.removePodSandbox(sb);
      assertThatThrownBy(() -> rt.containerStatus(c)).isInstanceOf(NotFoundException.class);
      assertThat(rt.listPodSandboxes()).isEmpty();
    }
  }

  @Test
  void imagesArePulledAndReported() {
    try (ContainerRuntime rt = newRuntime()) {
      String ref = rt.pullImage("nginx:1.27");
      assertThat(rt.imageStatus("nginx:1.27"))
          .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(ref));
    }
  }
}
