package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/** Describes a "sleep" action. */
@KubeModel
public record SleepAction(Long seconds) implements SleepActionBuilder.With {}
