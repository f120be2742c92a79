package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import java.time.Instant;

/**
 * The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.
 */
@KubeModel
public record Taint(String key, String value, String effect, Instant timeAdded)
    implements TaintBuilder.With {}
