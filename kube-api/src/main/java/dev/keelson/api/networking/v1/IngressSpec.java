package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * The desired routing of an ingress.
 *
 * @param ingressClassName the IngressClass that implements this ingress
 * @param defaultBackend where traffic matching no rule goes
 */
@KubeModel
public record IngressSpec(
    String ingressClassName,
    IngressBackend defaultBackend,
    List<IngressTLS> tls,
    List<IngressRule> rules)
    implements IngressSpecBuilder.With {
  public IngressSpec {
    tls = Immutable.list(tls);
    rules = Immutable.list(rules);
  }
}
