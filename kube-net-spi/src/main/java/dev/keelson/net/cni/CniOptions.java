package dev.keelson.net.cni;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@link CniRuntime} finds and runs plugins.
 *
 * @param pluginDirs directories searched in order for plugin binaries; joined into {@code CNI_PATH}
 * @param cacheDir where ADD results are cached per network, container and interface
 * @param timeout the longest one plugin invocation may run before it is killed
 * @param maxOutputBytes the most stdout accepted from a plugin (and stderr kept for messages)
 * @param negotiateVersions whether ADD, CHECK and STATUS first ask each plugin's VERSION and refuse
 *     a list whose {@code cniVersion} the plugin does not support
 */
public record CniOptions(
    List<Path> pluginDirs,
    Path cacheDir,
    Duration timeout,
    int maxOutputBytes,
    boolean negotiateVersions) {

  /** The upstream default plugin directory. */
  public static final Path OPT_CNI_BIN = Path.of("/opt/cni/bin");

  /** Debian's plugin directory (package containernetworking-plugins). */
  public static final Path DEBIAN_CNI_BIN = Path.of("/usr/lib/cni");

  /**
   * The default cache directory. Keelson's cache format is its own, so it does not share libcni's
   * {@code /var/lib/cni/results}.
   */
  public static final Path DEFAULT_CACHE_DIR = Path.of("/var/lib/keelson/cni/results");

  /** Validates. */
  public CniOptions {
    pluginDirs = List.copyOf(pluginDirs);
    if (pluginDirs.isEmpty()) {
      throw new IllegalArgumentException("at least one plugin directory is needed");
    }
    if (cacheDir == null) {
      throw new IllegalArgumentException("cacheDir is required");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxOutputBytes < 1024) {
      throw new IllegalArgumentException("maxOutputBytes must be at least 1024");
    }
  }

  /** {@code /opt/cni/bin} then {@code /usr/lib/cni}, the default cache dir, 60 s, 1 MiB. */
  public static CniOptions defaults() {
    return new CniOptions(
        List.of(OPT_CNI_BIN, DEBIAN_CNI_BIN),
        DEFAULT_CACHE_DIR,
        Duration.ofSeconds(60),
        1 << 20,
        true);
  }

  /** A copy with other plugin directories. */
  public CniOptions withPluginDirs(List<Path> dirs) {
    return new CniOptions(dirs, cacheDir, timeout, maxOutputBytes, negotiateVersions);
  }

  /** A copy with another cache directory. */
  public CniOptions withCacheDir(Path dir) {
    return new CniOptions(pluginDirs, dir, timeout, maxOutputBytes, negotiateVersions);
  }

  /** A copy with another per-invocation timeout. */
  public CniOptions withTimeout(Duration t) {
    return new CniOptions(pluginDirs, cacheDir, t, maxOutputBytes, negotiateVersions);
  }

  /** A copy with another output bound. */
  public CniOptions withMaxOutputBytes(int max) {
    return new CniOptions(pluginDirs, cacheDir, timeout, max, negotiateVersions);
  }

  /** A copy with version negotiation on or off. */
  public CniOptions withNegotiateVersions(boolean on) {
    return new CniOptions(pluginDirs, cacheDir, timeout, maxOutputBytes, on);
  }
}
