package dev.keelson.node.simulated;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.logs.CriLogReader;
import dev.keelson.node.logs.LogOptions;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.PodSandboxConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated runtime's container output (CRI log files), exec shell and attach. */
class SimulatedStreamsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  @TempDir Path dir;

  private SimulatedRuntime runtime() {
    return SimulatedRuntime.builder(clock)
        .logFiles(true)
        .image(
            "sim/app",
            SimulatedImage.printing("starting", "ready").withFile("/etc/app.conf", "x=1\n"))
        .build();
  }

  /** Pod {@code ns/p} (host name {@code p-host}, logs under the test's directory). */
  private String sandbox(SimulatedRuntime rt, Map<String, String> annotations) {
    return rt.runPodSandbox(
        new PodSandboxConfig(
            "p", "ns", "u", 0, "p-host", dir.toString(), false, Map.of(), annotations));
  }

  private String start(SimulatedRuntime rt, Map<String, String> annotations, List<String> cmd) {
    String sb = sandbox(rt, annotations);
    String id =
        rt.createContainer(
            sb,
            new ContainerConfig(
                "c",
                0,
                "sim/app",
                cmd,
                List.of(),
                "",
                Map.of("MODE", "test"),
                "c/0.log",
                Map.of(),
                Map.of()));
    rt.startContainer(id);
    return id;
  }

  private String log() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CriLogReader.read(
        dir.resolve("c/0.log"), LogOptions.all(), out, () -> false, Duration.ofMillis(1));
    return out.toString(UTF_8);
  }

  @Test
  void containersWriteImageOutputCommandOutputAndTicksToTheirCriLogFile() throws Exception {
    SimulatedRuntime rt = runtime();
    start(
        rt,
        Map.of("sim.keelson.dev/log-every.c", "1"),
        List.of("sh", "-c", "echo from command; echo oops >&2; sleep 100"));
    assertThat(log()).isEqualTo("starting\nready\nfrom command\noops\n");
    assertThat(Files.readAllLines(dir.resolve("c/0.log")).get(3)).endsWith(" stderr F oops");
    clock.advance(Duration.ofSeconds(2));
    assertThat(log()).isEqualTo("starting\nready\nfrom command\noops\ntick 1\ntick 2\n");
    assertThat(Files.readAllLines(dir.resolve("c/0.log")).get(0))
        .isEqualTo("2026-01-01T00:00:00.000000000Z stdout F starting");
  }

  @Test
  void execRunsTheSimulatedShell() throws Exception {
    SimulatedRuntime rt = runtime();
    String id = start(rt, Map.of(), List.of());
    assertThat(exec(rt, id, null, "sh", "-c", "echo a && false || echo 'b c'; exit 4"))
        .isEqualTo(new Run(4, "a\nb c\n", ""));
    assertThat(exec(rt, id, null, "cat", "/etc/app.conf", "/etc/hostname"))
        .isEqualTo(new Run(0, "x=1\np-host\n", ""));
    assertThat(exec(rt, id, null, "env").out()).contains("MODE=test\n", "HOSTNAME=p-host\n");
    assertThat(exec(rt, id, "typed\n", "cat")).isEqualTo(new Run(0, "typed\n", ""));
    assertThat(exec(rt, id, null, "frobnicate"))
        .isEqualTo(new Run(127, "", "sh: frobnicate: not found\n"));
    assertThat(exec(rt, id, "echo one\n\nhostname; false\n", "sh"))
        .as("sh alone reads its commands from stdin until it ends")
        .isEqualTo(new Run(1, "one\np-host\n", ""));
    assertThat(exec(rt, id, "echo before\nexit 7\necho after\n", "/bin/sh"))
        .isEqualTo(new Run(7, "before\n", ""));
  }

  private String startInteractive(SimulatedRuntime rt, boolean stdinOnce) {
    String sb = sandbox(rt, Map.of());
    String id =
        rt.createContainer(
            sb,
            new ContainerConfig(
                "c",
                0,
                "sim/app",
                List.of("sh"),
                List.of(),
                "",
                Map.of(),
                "c/0.log",
                Map.of(),
                Map.of(),
                List.of(),
                true,
                stdinOnce,
                true));
    rt.startContainer(id);
    return id;
  }

  private static CompletableFuture<Integer> attach(
      SimulatedRuntime rt, String id, InputStream in, ByteArrayOutputStream out) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return rt.attach(id, in, out, out);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
  }

  @Test
  void anAttachedShellWithStdinRunsWhatTheClientTypesAndExitsOnExit() throws Exception {
    SimulatedRuntime rt = runtime();
    String id = startInteractive(rt, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> code =
        attach(rt, id, new ByteArrayInputStream("echo typed\nnope\nexit 3\n".getBytes(UTF_8)), out);
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(out.toString(UTF_8)).contains("typed\n", "sh: nope: not found\n");
    assertThat(rt.containerStatus(id).exitCode()).isEqualTo(3);
    assertThat(log()).contains("typed\n");
  }

  @Test
  void theEndOfTheInputEndsAnAttachedShellOnlyWithStdinOnce() throws Exception {
    SimulatedRuntime rt = runtime();
    String kept = startInteractive(rt, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> first =
        attach(rt, kept, new ByteArrayInputStream("echo a\n".getBytes(UTF_8)), out);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!out.toString(UTF_8).contains("a\n")) {
      assertThat(System.nanoTime()).isLessThan(end);
      Thread.sleep(5);
    }
    assertThat(rt.containerStatus(kept).state())
        .as("another client may attach later")
        .isEqualTo(ContainerState.RUNNING);
    assertThat(rt.exit("ns", "p", "c", 0)).isTrue();
    assertThat(first.get(10, TimeUnit.SECONDS)).isZero();

    SimulatedRuntime rt2 = runtime();
    String once = startInteractive(rt2, true);
    CompletableFuture<Integer> code =
        attach(rt2, once, new ByteArrayInputStream("false\n".getBytes(UTF_8)), out);
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rt2.containerStatus(once).state()).isEqualTo(ContainerState.EXITED);
  }

  @Test
  void attachingWithoutStdinLeavesTheShellWaiting() throws Exception {
    SimulatedRuntime rt = runtime();
    String id = startInteractive(rt, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> code = attach(rt, id, null, out);
    Thread.sleep(200); // (a shell given an empty input would have ended by now)
    assertThat(rt.containerStatus(id).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(rt.exit("ns", "p", "c", 0)).isTrue();
    assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void attachStreamsOutputUntilTheContainerExits() throws Exception {
    SimulatedRuntime rt = runtime();
    String id = start(rt, Map.of("sim.keelson.dev/log-every.c", "1"), List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> code =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return rt.attach(id, InputStream.nullInputStream(), out, OutputStream0.NULL);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!out.toString(UTF_8).contains("tick")) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(System.nanoTime()).isLessThan(end);
      Thread.sleep(5);
    }
    assertThat(rt.exit("ns", "p", "c", 5)).isTrue();
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(5);
    assertThat(out.toString(UTF_8)).startsWith("tick ");
  }

  record Run(int code, String out, String err) {}

  private static Run exec(SimulatedRuntime rt, String id, String stdin, String... cmd)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        rt.exec(
            id,
            new ExecRequest(List.of(cmd), false, stdin != null, true, true),
            stdin == null
                ? InputStream.nullInputStream()
                : new ByteArrayInputStream(stdin.getBytes(UTF_8)),
            out,
            err);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static final class OutputStream0 {
    static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
  }
}
