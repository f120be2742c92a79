package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.values.IntOrString;

/** The limits of a daemon set's rolling update (counts or percentages of nodes). */
@KubeModel
public record RollingUpdateDaemonSet(IntOrString maxUnavailable, IntOrString maxSurge)
    implements RollingUpdateDaemonSetBuilder.With {}
