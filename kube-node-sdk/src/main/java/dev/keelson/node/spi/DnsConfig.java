package dev.keelson.node.spi;

import java.util.List;

/**
 * CRI {@code DNSConfig}: what goes into a sandbox's {@code /etc/resolv.conf}.
 *
 * @param servers the nameservers, in order
 * @param searches the search domains, in order
 * @param options resolver options ({@code ndots:5}, {@code edns0}...)
 */
public record DnsConfig(List<String> servers, List<String> searches, List<String> options) {
  /** Copies the lists. */
  public DnsConfig {
    servers = List.copyOf(servers);
    searches = List.copyOf(searches);
    options = List.copyOf(options);
  }

  /**
   * The file's text, as a runtime writes it ({@code nameserver}, {@code search}, {@code options}
   * lines).
   */
  public String resolvConf() {
    StringBuilder b = new StringBuilder();
    if (!searches.isEmpty()) {
      b.append("search ").append(String.join(" ", searches)).append('\n');
    }
    for (String s : servers) {
      b.append("nameserver ").append(s).append('\n');
    }
    if (!options.isEmpty()) {
      b.append("options ").append(String.join(" ", options)).append('\n');
    }
    return b.toString();
  }
}
