package dev.keelson.api.autoscaling.v1;

import dev.keelson.api.KubeModel;

/**
 * The observed number of replicas and the label selector of the pods, as a string.
 *
 * @param selector the serialized label selector (e.g. {@code app=web,tier in (a,b)}), as in {@code
 *     kubectl get --selector}
 */
@KubeModel
public record ScaleStatus(Integer replicas, String selector) implements ScaleStatusBuilder.With {}
