package dev.keelson.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerRuntimeContractTest;
import dev.keelson.node.spi.ContainerRuntimes;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.PodSandboxConfig;
import dev.keelson.node.spi.RuntimeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The runtime contract on the simulated runtime, and its own rules. */
class SimulatedRuntimeTest extends ContainerRuntimeContractTest {
  private final FakeClock clock = new FakeClock();

  @Override
  protected ContainerRuntime newRuntime() {
    return ContainerRuntimes.load("simulated", new RuntimeContext("n", clock, ""));
  }

  @Override
  protected void pass(Duration d) {
    clock.advance(d);
  }

  private static ContainerConfig c(String name, String image) {
    return new ContainerConfig(
        name, 0, image, List.of(), List.of(), "", Map.of(), name + "/0.log", Map.of(), Map.of());
  }

  private static PodSandboxConfig pod(Map<String, String> annotations) {
    return new PodSandboxConfig("p", "ns", "u", 0, "p", "/l", false, Map.of(), annotations);
  }

  @Test
  void startLatencyRunForAndExitCodeFollowTheAnnotationsOnTheClock() {
    SimulatedRuntime rt = new SimulatedRuntime(clock, Duration.ofSeconds(2));
    List<ContainerState> events = new ArrayList<>();
    rt.onContainerEvent(i -> events.add(i.state()));
    String sb =
        rt.runPodSandbox(
            pod(Map.of("sim.keelson.dev/run-for.job", "5", "sim.keelson.dev/exit-code.job", "7")));
    String id = rt.createContainer(sb, c("job", "busybox"));
    rt.startContainer(id);
    assertThat(rt.containerStatus(id).state()).isEqualTo(ContainerState.CREATED);
    clock.advance(Duration.ofSeconds(2));
    assertThat(rt.containerStatus(id).state()).isEqualTo(ContainerState.RUNNING);
    clock.advance(Duration.ofSeconds(5));
    ContainerInfo done = rt.containerStatus(id);
    assertThat(done.state()).isEqualTo(ContainerState.EXITED);
    assertThat(done.exitCode()).isEqualTo(7);
    assertThat(Duration.between(done.startedAt(), done.finishedAt())).hasSeconds(5);
    assertThat(events).containsExactly(ContainerState.RUNNING, ContainerState.EXITED);
  }

  @Test
  void containersCreatedAtOnceFromManyThreadsEachKeepTheirOwnIdAndConfig() throws Exception {
    SimulatedRuntime rt = new SimulatedRuntime(clock, Duration.ZERO);
    String sb = rt.runPodSandbox(pod(Map.of()));
    int threads = 8;
    int each = 200;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<List<String>>> made = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        made.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    ids.add(rt.createContainer(sb, c("c" + thread + "-" + i, "busybox")));
                  }
                  return ids;
                }));
      }
      Set<String> all = new HashSet<>();
      for (int t = 0; t < threads; t++) {
        List<String> ids = made.get(t).get();
        for (int i = 0; i < each; i++) {
          assertThat(rt.containerStatus(ids.get(i)).name()).isEqualTo("c" + t + "-" + i);
          assertThat(ids.get(i)).hasSize(64).matches("[0-9a-f]+");
        }
        all.addAll(ids);
      }
      assertThat(all).hasSize(threads * each);
    }
  }

  @Test
  void aContainerThatIgnoresSigtermIsKilledWhenTheTimeoutEnds() throws Exception {
    SimulatedRuntime rt = new SimulatedRuntime(clock, Duration.ZERO);
    String sb = rt.runPodSandbox(pod(Map.of("sim.keelson.dev/stop-delay.app", "100")));
    String id = rt.createContainer(sb, c("app", "nginx"));
    rt.startContainer(id);
    Thread stopper = Thread.ofVirtual().start(() -> rt.stopContainer(id, Duration.ofSeconds(30)));
    while (clock.pendingTimers() == 0) {
      Thread.onSpinWait();
    }
    clock.advance(Duration.ofSeconds(29));
    assertThat(rt.containerStatus(id).state()).isEqualTo(ContainerState.RUNNING);
    clock.advance(Duration.ofSeconds(1));
    stopper.join();
    assertThat(rt.containerStatus(id).exitCode()).isEqualTo(137);
  }

  @Test
  void imageSimExitExitsWithItsCodeAsSoonAsItRuns() {
    SimulatedRuntime rt = new SimulatedRuntime(clock, Duration.ZERO);
    String sb = rt.runPodSandbox(pod(Map.of()));
    String id = rt.createContainer(sb, c("app", "sim/exit:3"));
    rt.startContainer(id);
    clock.runDue();
    assertThat(rt.containerStatus(id).exitCode()).isEqualTo(3);
    assertThat(rt.containerLogs(id, 1)).containsExactly("exited with code 3");
  }
}
