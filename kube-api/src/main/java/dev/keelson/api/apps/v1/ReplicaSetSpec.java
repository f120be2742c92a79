package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;

/** The desired state of a replica set. */
@KubeModel
public record ReplicaSetSpec(
    Integer replicas, Integer minReadySeconds, LabelSelector selector, PodTemplateSpec template)
    implements ReplicaSetSpecBuilder.With {}
