package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;

/**
 * A rule of a success policy.
 *
 * @param succeededIndexes indexes that must succeed, e.g. {@code 0,2-4}
 * @param succeededCount how many of them must succeed
 */
@KubeModel
public record SuccessPolicyRule(String succeededIndexes, Integer succeededCount)
    implements SuccessPolicyRuleBuilder.With {}
