package dev.keelson.controllers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.apiserver.ApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against a server (trimmed from kube-apiserver's test helper of the same
 * name); tests that use it skip, with a visible reason, where kubectl is not installed.
 */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");

  private final Path dir;
  private final Path kubeconfig;

  /** stdout and stderr of one kubectl run. */
  public record Result(int exit, String out, String err) {}

  private Kubectl(Path dir, Path kubeconfig) {
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

  /** Runs kubectl with {@code args} and waits (at most 90 s) for it to finish. */
  public Result run(String... args) throws IOException, InterruptedException {
    Path call = Files.createTempDirectory(dir, "kubectl-");
    Path out = call.resolve("out");
    Path err = call.resolve("err");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig");
    command.add(kubeconfig.toString());
    command.add("--cache-dir");
    command.add(call.resolve("cache").toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("kubectl %s finished", List.of(args)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs kubectl and asserts it succeeded; returns its stdout. */
  public String ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    assertThat(r.exit()).as("kubectl %s: %s", List.of(args), r.err()).isZero();
    return r.out();
  }
}
