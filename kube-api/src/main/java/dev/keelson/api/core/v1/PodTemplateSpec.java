package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.ObjectMeta;

/** Describes the data a pod should have when created from a template */
@KubeModel
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec)
    implements PodTemplateSpecBuilder.With {}
