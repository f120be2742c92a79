package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Traffic a network policy allows into its pods. */
@KubeModel
public record NetworkPolicyIngressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> from)
    implements NetworkPolicyIngressRuleBuilder.With {
  public NetworkPolicyIngressRule {
    ports = Immutable.list(ports);
    from = Immutable.list(from);
  }
}
