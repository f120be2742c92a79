package dev.keelson.net.cni;

import dev.keelson.net.proxy.CommandRunner;
import dev.keelson.net.spi.PodNetwork;
import dev.keelson.net.spi.PodNetworkContext;
import dev.keelson.net.spi.PodNetworkException;
import dev.keelson.net.spi.PodNetworkProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provides the {@code cni} pod network ({@link CniPodNetwork}). The context's {@code config} is a
 * path, or comma-separated {@code key=value} pairs:
 *
 * <ul>
 *   <li>{@code conf}: a configuration directory (its first {@code .conflist}/{@code .conf}/{@code
 *       .json} file by name is the network, as containerd picks it) or one file; default {@code
 *       /etc/cni/net.d}. A bare path means {@code conf}.
 *   <li>{@code bin}: plugin directories separated by {@code :}; default {@code
 *       /opt/cni/bin:/usr/lib/cni}.
 *   <li>{@code cache}: the result cache directory; default {@link CniOptions#DEFAULT_CACHE_DIR}.
 * </ul>
 *
 * <p>The network file is read on every operation, so a node can start before its configuration is
 * written; until then {@link PodNetwork#notReadyReason()} says so.
 */
public final class CniPodNetworkProvider implements PodNetworkProvider {
  /** The default configuration directory. */
  public static final Path DEFAULT_CONF_DIR = Path.of("/etc/cni/net.d");

  /** The provider ServiceLoader instantiates. */
  public CniPodNetworkProvider() {}

  @Override
  public String name() {
    return "cni";
  }

  @Override
  public Optional<String> unavailabilityReason() {
    return Files.isExecutable(Path.of("/usr/sbin/ip"))
            || Files.isExecutable(Path.of("/sbin/ip"))
            || Files.isExecutable(Path.of("/usr/bin/ip"))
            || Files.isExecutable(Path.of("/bin/ip"))
        ? Optional.empty()
        : Optional.of("the ip command (iproute2) is not installed");
  }

  @Override
  public PodNetwork create(PodNetworkContext context) {
    Path conf = DEFAULT_CONF_DIR;
    CniOptions options = CniOptions.defaults();
    String config = context.config().strip();
    if (!config.isEmpty()) {
      if (!config.contains("=")) {
        conf = Path.of(config);
      } else {
        for (String pair : config.split(",")) {
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException(
                "cni pod network config entry \"" + pair + "\" is not key=value");
          }
          String key = pair.substring(0, eq).strip();
          String value = pair.substring(eq + 1).strip();
          switch (key) {
            case "conf" -> conf = Path.of(value);
            case "cache" -> options = options.withCacheDir(Path.of(value));
            case "bin" -> {
              List<Path> dirs = new ArrayList<>();
              for (String d : value.split(":")) {
                if (!d.isEmpty()) {
                  dirs.add(Path.of(d));
                }
              }
              options = options.withPluginDirs(dirs);
            }
            default ->
                throw new IllegalArgumentException(
                    "unknown cni pod network config key \"" + key + "\" (conf, bin, cache)");
          }
        }
      }
    }
    Path source = conf;
    return new CniPodNetwork(
        CniRuntime.create(options), () -> loadNetwork(source), CommandRunner.local());
  }

  /**
   * The network a file or directory holds (a directory's first by file name).
   *
   * @throws PodNetworkException when there is none or it is invalid
   */
  static NetworkConfigList loadNetwork(Path conf) {
    try {
      if (Files.isRegularFile(conf)) {
        return NetworkConfigList.load(conf);
      }
      List<NetworkConfigList> all = NetworkConfigList.loadDir(conf);
      if (all.isEmpty()) {
        throw new PodNetworkException("no CNI network configuration in " + conf);
      }
      return all.getFirst();
    } catch (InvalidNetworkConfigException e) {
      throw new PodNetworkException("invalid CNI network configuration: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PodNetworkException(
          "cannot read CNI network configuration " + conf + ": " + e, new UncheckedIOException(e));
    }
  }
}
