package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.patch.PatchStrategy;

/**
 * The desired state of a deployment.
 *
 * @param replicas desired pods; defaults to 1
 * @param selector must match the template's labels; immutable
 * @param strategy how pods are replaced; a strategic merge patch honours {@code $retainKeys} here
 * @param revisionHistoryLimit old ReplicaSets to keep for rollback; defaults to 10
 * @param progressDeadlineSeconds after how long without progress the deployment is reported failed
 */
@KubeModel
public record DeploymentSpec(
    Integer replicas,
    LabelSelector selector,
    PodTemplateSpec template,
    @PatchStrategy(retainKeys = true) DeploymentStrategy strategy,
    Integer minReadySeconds,
    Integer revisionHistoryLimit,
    Boolean paused,
    Integer progressDeadlineSeconds)
    implements DeploymentSpecBuilder.With {}
