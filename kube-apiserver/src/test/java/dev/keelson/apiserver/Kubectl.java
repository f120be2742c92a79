package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against a server, each call with a fresh discovery cache. Tests that use it
 * skip, with a visible reason, where kubectl is not installed.
 */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");

  private final Path dir;
  private final Path kubeconfig;

  /** stdout and stderr of one kubectl run. */
  public record Result(int exit, String out, String err) {}

  /** A kubectl using {@code kubeconfig}, keeping its caches and output under {@code dir}. */
  public Kubectl(Path dir, Path kubeconfig) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
  }

  /** A kubectl for {@code server}, with the server's admin kubeconfig written into {@code dir}. */
  public static Kubectl forServer(ApiServer server, Path dir) throws IOException {
    assumeTrue(Files.isExecutable(BINARY), "kubectl not installed at " + BINARY);
    Path kubeconfig = dir.resolve("kubeconfig-" + System.nanoTime());
    server.adminKubeconfig("keelson").write(kubeconfig);
    return new Kubectl(dir, kubeconfig);
  }

  /** The kubeconfig this kubectl uses. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Runs kubectl with {@code args} and waits (at most 90 s) for it to finish. */
  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /**
   * Runs kubectl with {@code input} as its standard input ({@code null}: none) and waits (at most
   * 90 s) for it to finish.
   */
  public Result runWithInput(String input, String... args)
      throws IOException, InterruptedException {
    Path call = Files.createTempDirectory(dir, "kubectl-");
    Path out = call.resolve("out");
    Path err = call.resolve("err");
    ProcessBuilder pb =
        new ProcessBuilder(command(call, args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    if (input != null) {
      Path in = call.resolve("in");
      Files.writeString(in, input, StandardCharsets.UTF_8);
      pb.redirectInput(in.toFile());
    }
    Process p = pb.start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("kubectl %s finished", List.of(args)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Starts kubectl without waiting, for commands that stream ({@code logs -f}): read its stdout
   * from the process; its stderr goes to a file in the call's directory. The caller destroys it.
   */
  public Process start(String... args) throws IOException {
    Path call = Files.createTempDirectory(dir, "kubectl-");
    return new ProcessBuilder(command(call, args))
        .redirectError(call.resolve("err").toFile())
        .start();
  }

  /** The command line that runs kubectl with {@code args} (for wrapping it, as in a terminal). */
  public List<String> commandLine(String... args) throws IOException {
    return command(Files.createTempDirectory(dir, "kubectl-"), args);
  }

  private List<String> command(Path call, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig");
    command.add(kubeconfig.toString());
    command.add("--cache-dir");
    command.add(call.resolve("cache").toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs kubectl and asserts it succeeded; returns its stdout. */
  public String ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    assertThat(r.exit()).as("kubectl %s: %s", List.of(args), r.err()).isZero();
    return r.out();
  }
}
