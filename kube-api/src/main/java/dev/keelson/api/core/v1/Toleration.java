package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;

/**
 * The pod this Toleration is attached to tolerates any taint that matches the triple
 * &lt;key,value,effect&gt; using the matching operator &lt;operator&gt;.
 */
@KubeModel
public record Toleration(
    String key, String operator, String value, String effect, Long tolerationSeconds)
    implements TolerationBuilder.With {}
