package dev.keelson.api.core.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keelson.api.KubeModel;

/** Represents a host path mapped into a pod. */
@KubeModel
public record HostPathVolumeSource(
    String path,
    // *HostPathType in Go: the API server writes "" and it must survive a round trip
    @JsonInclude(JsonInclude.Include.NON_NULL) String type)
    implements HostPathVolumeSourceBuilder.With {}
