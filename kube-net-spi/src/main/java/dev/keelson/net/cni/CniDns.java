package dev.keelson.net.cni;

import java.util.List;

/**
 * DNS information of a result ({@code dns}); every part is optional, so empty means absent.
 *
 * @param nameservers priority-ordered name servers
 * @param domain the local domain, "" when none
 * @param search search domains
 * @param options resolver options
 */
public record CniDns(
    List<String> nameservers, String domain, List<String> search, List<String> options) {
  /** The empty DNS section. */
  public static final CniDns EMPTY = new CniDns(List.of(), "", List.of(), List.of());

  /** Normalizes nulls and copies the lists. */
  public CniDns {
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    domain = domain == null ? "" : domain;
    search = search == null ? List.of() : List.copyOf(search);
    options = options == null ? List.of() : List.copyOf(options);
  }
}
