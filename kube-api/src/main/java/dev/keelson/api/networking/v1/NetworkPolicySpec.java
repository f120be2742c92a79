package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/**
 * The pods a network policy applies to and the traffic it allows.
 *
 * @param podSelector the pods the policy applies to; empty selects every pod of the namespace
 * @param policyTypes {@code Ingress} and/or {@code Egress}; defaulted from the rules present
 */
@KubeModel
public record NetworkPolicySpec(
    LabelSelector podSelector,
    List<NetworkPolicyIngressRule> ingress,
    List<NetworkPolicyEgressRule> egress,
    List<String> policyTypes)
    implements NetworkPolicySpecBuilder.With {
  public NetworkPolicySpec {
    ingress = Immutable.list(ingress);
    egress = Immutable.list(egress);
    policyTypes = Immutable.list(policyTypes);
    podSelector =
        podSelector == null
            ? new LabelSelector(null, null)
            : podSelector; // a struct in Go: always written
  }
}
