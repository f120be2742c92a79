package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** A tuple that describes single IP address. */
@KubeModel
public record EndpointAddress(
    String ip, String hostname, String nodeName, ObjectReference targetRef)
    implements EndpointAddressBuilder.With {}
