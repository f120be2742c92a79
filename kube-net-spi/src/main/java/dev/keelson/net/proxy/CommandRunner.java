package dev.keelson.net.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a data-plane command (iptables-restore, nft, ipvsadm) with input on stdin. Tests substitute
 * a recording runner, or {@link #inNetworkNamespace} to act inside a namespace they made.
 */
@FunctionalInterface
public interface CommandRunner {
  /** The most output kept from one command. */
  int MAX_OUTPUT = 1 << 20;

  /**
   * How long the local runners wait for one command (a full iptables restore of 10,000 services
   * takes tens of seconds on a loaded machine).
   */
  int TIMEOUT_SECONDS = 300;

  /**
   * Runs {@code command} with {@code stdin} (may be empty) and waits for it.
   *
   * @throws ProxyException if it cannot be started or does not finish within {@link
   *     #TIMEOUT_SECONDS}
   */
  Result run(List<String> command, byte[] stdin);

  /**
   * Runs {@code command} keeping up to {@code maxOutput} bytes of its output (for {@code
   * iptables-save} of a large table). Runners that do not bound output themselves ignore it.
   */
  default Result run(List<String> command, byte[] stdin, int maxOutput) {
    return run(command, stdin);
  }

  /**
   * What a command did.
   *
   * @param exitCode its exit status
   * @param output stdout and stderr together, at most {@link #MAX_OUTPUT} bytes
   */
  record Result(int exitCode, String output) {
    /** Whether it exited 0. */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs commands as processes of this host. */
  static CommandRunner local() {
    return new CommandRunner() {
      @Override
      public Result run(List<String> command, byte[] stdin) {
        return run(command, stdin, MAX_OUTPUT);
      }

      @Override
      public Result run(List<String> command, byte[] stdin, int maxOutput) {
        Process p;
        try {
          p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
          throw new ProxyException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out =
            CompletableFuture.supplyAsync(() -> read(p.getInputStream(), maxOutput));
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin);
        } catch (IOException e) {
          // The process exited without reading everything; its exit status tells why.
        }
        try {
          if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new ProxyException(
                command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
          }
          return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
          throw new ProxyException("interrupted while running " + command.get(0), e);
        }
      }
    };
  }

  /** Runs commands inside the network namespace {@code name} ({@code ip netns exec}). */
  static CommandRunner inNetworkNamespace(String name) {
    CommandRunner local = local();
    return new CommandRunner() {
      @Override
      public Result run(List<String> command, byte[] stdin) {
        return local.run(wrap(command), stdin);
      }

      @Override
      public Result run(List<String> command, byte[] stdin, int maxOutput) {
        return local.run(wrap(command), stdin, maxOutput);
      }

      private List<String> wrap(List<String> command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(command);
        return c;
      }
    };
  }

  private static byte[] read(InputStream in, int max) {
    try (in) {
      byte[] all = in.readNBytes(max);
      in.transferTo(OutputStream.nullOutputStream());
      return all;
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
