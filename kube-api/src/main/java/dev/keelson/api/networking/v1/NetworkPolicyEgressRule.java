package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Traffic a network policy allows out of its pods. */
@KubeModel
public record NetworkPolicyEgressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> to)
    implements NetworkPolicyEgressRuleBuilder.With {
  public NetworkPolicyEgressRule {
    ports = Immutable.list(ports);
    to = Immutable.list(to);
  }
}
