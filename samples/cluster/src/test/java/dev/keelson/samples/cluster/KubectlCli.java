package dev.keelson.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real {@code /usr/bin/kubectl} against one kubeconfig. */
final class KubectlCli {
  static final Path BINARY = Path.of("/usr/bin/kubectl");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Path kubeconfig;
  private final List<String> prefix;

  KubectlCli(Path kubeconfig) {
    this(kubeconfig, List.of());
  }

  /** A kubectl run through {@code prefix} (for example {@code ip netns exec NS}). */
  KubectlCli(Path kubeconfig, List<String> prefix) {
    this.kubeconfig = kubeconfig;
    this.prefix = List.copyOf(prefix);
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** What one kubectl run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  /** Runs kubectl and requires it to succeed; returns its standard output. */
  String run(String... args) {
    Result r = exec(args);
    assertThat(r.exitCode()).as("kubectl %s failed:%n%s", String.join(" ", args), r.all()).isZero();
    return r.stdout();
  }

  /** Runs kubectl, whatever its outcome. */
  Result exec(String... args) {
    return execWithInput(null, args);
  }

  /** Runs kubectl with {@code input} (null: none) as its standard input, whatever its outcome. */
  Result execWithInput(String input, String... args) {
    try {
      Process p = new ProcessBuilder(command(args)).start();
      try (var in = p.getOutputStream()) {
        if (input != null) {
          in.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      StringBuilder err = new StringBuilder();
      Thread errReader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      err.append(
                          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                      err.append(e);
                    }
                  });
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT);
      }
      errReader.join();
      return new Result(p.exitValue(), out, err.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code kubectl args} until its output satisfies {@code ok}; returns that output. */
  String awaitOutput(String what, Predicate<String> ok, String... args) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Result r = exec(args);
      last = r.all();
      if (r.exitCode() == 0 && ok.test(r.stdout())) {
        return r.stdout();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fail("timed out waiting for " + what + "; kubectl printed:\n" + last);
  }

  /** Starts a long-running kubectl (such as {@code get --watch}) whose lines the test reads. */
  Watch watch(String... args) {
    try {
      Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
      return new Watch(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<String> command(String... args) {
    List<String> c = new ArrayList<>(prefix);
    c.add(BINARY.toString());
    c.add("--kubeconfig");
    c.add(kubeconfig.toString());
    c.addAll(List.of(args));
    return c;
  }

  /** A running kubectl whose output lines arrive on a queue as they are printed. */
  static final class Watch implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
    private final List<String> seen = new ArrayList<>();

    Watch(Process process) {
      this.process = process;
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    lines.offer(line);
                  }
                } catch (IOException e) {
                  // the process was stopped
                }
              });
    }

    /** Waits for the next line matching {@code regex}; earlier lines are kept in {@link #seen}. */
    String awaitLine(String regex, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
          if (line == null) {
            return fail(
                "kubectl's watch printed no line matching /%s/ within %s; it printed:%n%s",
                regex, timeout, String.join("\n", seen));
          }
          seen.add(line);
          if (line.matches(regex)) {
            return line;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** The lines read so far. */
    List<String> seen() {
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      process.destroy();
    }
  }
}
