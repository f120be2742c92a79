package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Defines the DNS parameters of a pod in addition to those generated from DNSPolicy. */
@KubeModel
public record PodDNSConfig(
    List<String> nameservers, List<String> searches, List<PodDNSConfigOption> options)
    implements PodDNSConfigBuilder.With {
  public PodDNSConfig {
    nameservers = Immutable.list(nameservers);
    searches = Immutable.list(searches);
    options = Immutable.list(options);
  }
}
