package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * TLS termination for a set of hosts of an ingress.
 *
 * @param secretName the Secret holding the certificate and key
 */
@KubeModel
public record IngressTLS(List<String> hosts, String secretName) implements IngressTLSBuilder.With {
  public IngressTLS {
    hosts = Immutable.list(hosts);
  }
}
