package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.LabelSelector;

/** The pods, namespaces or IP block a network policy rule allows traffic from or to. */
@KubeModel
public record NetworkPolicyPeer(
    LabelSelector podSelector, LabelSelector namespaceSelector, IPBlock ipBlock)
    implements NetworkPolicyPeerBuilder.With {}
