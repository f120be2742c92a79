package dev.keelson.samples.proxy;

import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ProxyException;
import dev.keelson.net.proxy.ProxyServicePort;
import dev.keelson.net.proxy.ProxyState;
import dev.keelson.net.proxy.ServiceProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Renders each sync as an HAProxy configuration: one {@code frontend} per TCP service port bound to
 * its cluster IP and port, one {@code backend} with a {@code server} per endpoint ({@code balance
 * source} for ClientIP affinity, else {@code roundrobin}). The file is replaced atomically (written
 * beside it, then renamed), and left alone when nothing changed so that a watcher reloads HAProxy
 * only on real changes. UDP and SCTP ports are skipped: HAProxy proxies TCP.
 */
public final class HaproxyConfigProxy implements ServiceProxy {
  private final Path file;
  private String last;

  /** A backend that writes {@code file}. */
  public HaproxyConfigProxy(Path file) {
    this.file = file;
  }

  @Override
  public synchronized SyncResult sync(ProxyState state) {
    String config = render(state);
    if (config.equals(last)) {
      return new SyncResult(false, 0, 0);
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, config, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ProxyException("cannot write " + file + ": " + e.getMessage(), e);
    }
    last = config;
    return new SyncResult(true, state.ports().size(), 0);
  }

  /** The configuration for {@code state}. */
  static String render(ProxyState state) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by Keelson's haproxy-config service proxy; do not edit.\n");
    out.append("defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 1m\n");
    out.append("  timeout server 1m\n");
    for (ProxyServicePort p : state.ports()) {
      if (!p.protocol().toUpperCase(Locale.ROOT).equals("TCP")) {
        continue;
      }
      String name = p.name().toString().replace('/', '.').replace(':', '.');
      String bind = p.clusterIp().indexOf(':') >= 0 ? "[" + p.clusterIp() + "]" : p.clusterIp();
      out.append("\nfrontend ").append(name).append('\n');
      out.append("  bind ").append(bind).append(':').append(p.port()).append('\n');
      out.append("  default_backend ").append(name).append('\n');
      out.append("backend ").append(name).append('\n');
      out.append("  balance ").append(p.clientIpAffinity() ? "source" : "roundrobin").append('\n');
      if (p.endpoints().isEmpty()) {
        out.append("  # no endpoints: connections are refused\n");
      }
      for (ProxyEndpoint e : p.endpoints()) {
        out.append("  server ")
            .append(e.ip().replace(':', '_'))
            .append(' ')
            .append(e.address())
            .append(" check\n");
      }
    }
    return out.toString();
  }

  @Override
  public void close() {}
}
