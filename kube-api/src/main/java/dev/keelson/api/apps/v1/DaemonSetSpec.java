package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;

/** The desired state of a daemon set. */
@KubeModel
public record DaemonSetSpec(
    LabelSelector selector,
    PodTemplateSpec template,
    DaemonSetUpdateStrategy updateStrategy,
    Integer minReadySeconds,
    Integer revisionHistoryLimit)
    implements DaemonSetSpecBuilder.With {}
