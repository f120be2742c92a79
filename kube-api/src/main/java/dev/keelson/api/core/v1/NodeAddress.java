package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains information for the node's address. */
@KubeModel
public record NodeAddress(String type, String address) implements NodeAddressBuilder.With {}
