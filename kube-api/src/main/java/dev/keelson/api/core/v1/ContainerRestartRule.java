package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes how a container exit is handled. */
@KubeModel
public record ContainerRestartRule(String action, ContainerRestartRuleOnExitCodes exitCodes)
    implements ContainerRestartRuleBuilder.With {}
