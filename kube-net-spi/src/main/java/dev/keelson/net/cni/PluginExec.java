package dev.keelson.net.cni;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds and runs one plugin binary: environment, stdin, bounded output, timeout, error parsing. */
final class PluginExec {
  private static final Logger LOG = LoggerFactory.getLogger(PluginExec.class);

  private final CniOptions options;
  private final String cniPath;

  PluginExec(CniOptions options) {
    this.options = options;
    this.cniPath = String.join(":", options.pluginDirs().stream().map(Path::toString).toList());
  }

  String cniPath() {
    return cniPath;
  }

  Optional<Path> find(String type) {
    for (Path dir : options.pluginDirs()) {
      Path p = dir.resolve(type);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  Path require(String type) {
    return find(type)
        .orElseThrow(
            () ->
                CniException.runtime(
                    type, "plugin binary not found in " + options.pluginDirs(), null));
  }

  /** The output of a successful run. */
  record Output(byte[] stdout, String stderr) {}

  /**
   * Runs the plugin; returns its stdout when it exits 0.
   *
   * @throws CniException the plugin's error result when it exits non-zero, or a runtime failure
   */
  Output run(String type, Path binary, Map<String, String> cniEnv, byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CNI_"));
    env.putAll(cniEnv);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw CniException.runtime(type, "cannot start " + binary + ": " + e.getMessage(), e);
    }
    int limit = options.maxOutputBytes();
    BoundedSink out = new BoundedSink(process.getInputStream(), limit);
    BoundedSink err = new BoundedSink(process.getErrorStream(), Math.min(limit, 64 * 1024));
    Thread outReader = Thread.ofVirtual().name("cni-" + type + "-stdout").start(out);
    Thread errReader = Thread.ofVirtual().name("cni-" + type + "-stderr").start(err);
    // Written on its own thread: a plugin that never reads a large config must not block us past
    // the timeout (killing it breaks the pipe).
    Thread.ofVirtual()
        .name("cni-" + type + "-stdin")
        .start(
            () -> {
              try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
              } catch (IOException e) {
                // The plugin may exit without reading its config (e.g. VERSION); its exit decides.
                LOG.debug("writing stdin of {} failed: {}", type, e.toString());
              }
            });
    int exit;
    try {
      if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw CniException.runtime(
            type, cniEnv.get("CNI_COMMAND") + " timed out after " + options.timeout(), null);
      }
      exit = process.exitValue();
      // A plugin may leave a child holding the pipes (e.g. a daemon): do not wait for it forever.
      outReader.join(2000);
      errReader.join(2000);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw CniException.runtime(type, "interrupted", e);
    }
    String stderr = err.text();
    if (!stderr.isBlank()) {
      LOG.debug("CNI plugin {} {} stderr: {}", type, cniEnv.get("CNI_COMMAND"), stderr.strip());
    }
    if (out.overflowed()) {
      throw CniException.runtime(type, "stdout exceeded " + limit + " bytes", null);
    }
    byte[] stdout = out.bytes();
    if (exit != 0) {
      throw errorOf(type, exit, stdout, stderr);
    }
    return new Output(stdout, stderr);
  }

  private static CniException errorOf(String type, int exit, byte[] stdout, String stderr) {
    for (byte[] candidate : List.of(stdout, stderr.getBytes(StandardCharsets.UTF_8))) {
      try {
        JsonNode n = NetworkConfigList.JSON.readTree(candidate);
        if (n != null && n.isObject() && n.has("code") && n.get("code").canConvertToInt()) {
          return new CniException(
              n.get("code").asInt(), n.path("msg").asText(""), n.path("details").asText(""), type);
        }
      } catch (IOException notJson) {
        // try the next stream
      }
    }
    String text = new String(stdout, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      text = stderr.strip();
    }
    return CniException.runtime(
        type,
        "exited with status " + exit + (text.isEmpty() ? "" : ": " + abbreviate(text, 2000)),
        null);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads a stream to its end, keeping at most {@code limit} bytes and draining the rest. */
  private static final class BoundedSink implements Runnable {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    BoundedSink(InputStream in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (kept) {
            int room = limit - kept.size();
            if (n > room) {
              overflowed = true;
            }
            if (room > 0) {
              kept.write(buf, 0, Math.min(n, room));
            }
          }
        }
      } catch (IOException e) {
        // the process went away; what was read is kept
      }
    }

    boolean overflowed() {
      return overflowed;
    }

    byte[] bytes() {
      synchronized (kept) {
        return kept.toByteArray();
      }
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }
}
