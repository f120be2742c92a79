package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sample cluster as a user starts it: a separate {@code java} process running {@link
 * ClusterMain} from this module's jar and its run-time classpath (what {@code bin/cluster} runs),
 * on the JDK that runs the build. Its output goes to {@code cluster.log} in the given directory.
 */
final class ClusterProcess implements AutoCloseable {
  /** The line {@link ClusterMain} prints once every component has started. */
  static final String READY_LINE = "Ctrl-C stops the cluster.";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private final Path dir;
  private final Path kubeconfig;
  private final Path log;
  private final Process process;

  private ClusterProcess(Path dir, Path kubeconfig, Path log, Process process) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
    this.log = log;
    this.process = process;
  }

  /** Why the packaged cluster cannot be started from this test run, or null if it can. */
  static String unavailabilityReason() {
    String jar = System.getProperty("keelson.cluster.jar");
    String cp = System.getProperty("keelson.cluster.classpathFile");
    if (jar == null || cp == null) {
      return "keelson.cluster.jar / keelson.cluster.classpathFile are not set (run through failsafe)";
    }
    if (!Files.isRegularFile(Path.of(jar)) || !Files.isRegularFile(Path.of(cp))) {
      return "the packaged cluster is missing: " + jar + ", " + cp + " (run mvn verify)";
    }
    return null;
  }

  /**
   * Starts {@code ClusterMain --port 0 --dns-port 0 --kubeconfig-out DIR/kubeconfig} plus {@code
   * extraArgs} in {@code dir} and waits until it printed {@link #READY_LINE}.
   */
  static ClusterProcess start(Path dir, String... extraArgs) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.deleteIfExists(kubeconfig);
    String classpath =
        System.getProperty("keelson.cluster.jar")
            + java.io.File.pathSeparator
            + Files.readString(Path.of(System.getProperty("keelson.cluster.classpathFile"))).trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-cp", classpath, ClusterMain.class.getName()));
    command.addAll(
        List.of("--port", "0", "--dns-port", "0", "--kubeconfig-out", kubeconfig.toString()));
    command.addAll(List.of(extraArgs));
    Path log = dir.resolve("cluster.log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ClusterProcess c = new ClusterProcess(dir, kubeconfig, log, p);
    c.awaitReady();
    return c;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int from = log().length();
    while (System.nanoTime() < deadline) {
      String text = log();
      if (text.indexOf(READY_LINE, Math.min(from, text.length())) >= 0
          && Files.isRegularFile(kubeconfig)) {
        return;
      }
      if (!process.isAlive()) {
        fail("the cluster exited with " + process.exitValue() + " before it was ready:\n" + text);
      }
      pause();
    }
    process.destroyForcibly();
    fail("the cluster was not ready within " + START_TIMEOUT + ":\n" + log());
  }

  /** The kubeconfig the cluster wrote. */
  Path kubeconfig() {
    return kubeconfig;
  }

  /** The working directory. */
  Path dir() {
    return dir;
  }

  /** Everything the process printed so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends SIGTERM (what Ctrl-C's SIGINT does to a JVM, and what a service manager sends) and waits
   * for the process to end.
   *
   * @return the exit code
   */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the cluster did not stop within 60 s of SIGTERM:\n" + log());
    }
    return process.exitValue();
  }

  /** Stops the cluster with SIGTERM and checks it stopped cleanly, as a user would see it. */
  void stopCleanly() throws InterruptedException {
    int exit = terminate();
    String text = log();
    assertThat(exit).as("exit code after SIGTERM (128 + 15)\n" + text).isEqualTo(143);
    assertThat(text).contains("Keelson sample cluster: stopping");
    assertThat(text).containsPattern("Keelson sample cluster stopped cleanly in \\d+ ms");
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
