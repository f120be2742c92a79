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
   * Runs {@code command} with {@code stdin} (may be empty) and waits for it.
   *
   * @throws ProxyException if it cannot be started or does not finish within 60 s
   */
  Result run(List<String> command, byte[] stdin);

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
    return (command, stdin) -> {
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new ProxyException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
      }
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // The process exited without reading everything; its exit status tells why.
      }
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new ProxyException(command.get(0) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new ProxyException("interrupted while running " + command.get(0), e);
      }
    };
  }

  /** Runs commands inside the network namespace {@code name} ({@code ip netns exec}). */
  static CommandRunner inNetworkNamespace(String name) {
    CommandRunner local = local();
    return (command, stdin) -> {
      List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
      c.addAll(command);
      return local.run(c, stdin);
    };
  }

  private static byte[] read(InputStream in) {
    try (in) {
      byte[] all = in.readNBytes(MAX_OUTPUT);
      in.transferTo(OutputStream.nullOutputStream());
      return all;
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
