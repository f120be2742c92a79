package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Contains the reference to a pod condition */
@KubeModel
public record PodReadinessGate(String conditionType) implements PodReadinessGateBuilder.With {}
