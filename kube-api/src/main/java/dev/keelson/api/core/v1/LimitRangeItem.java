package dev.keelson.api.core.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.Quantity;
import java.util.Map;

/**
 * The resource constraints of one kind of object in a limit range.
 *
 * @param type {@code Container}, {@code Pod} or {@code PersistentVolumeClaim}
 * @param defaultLimits the limits a container gets when it sets none (JSON {@code default})
 * @param defaultRequest the requests a container gets when it sets none
 */
@KubeModel
public record LimitRangeItem(
    String type,
    Map<String, Quantity> max,
    Map<String, Quantity> min,
    @JsonProperty("default") Map<String, Quantity> defaultLimits,
    Map<String, Quantity> defaultRequest,
    Map<String, Quantity> maxLimitRequestRatio)
    implements LimitRangeItemBuilder.With {
  public LimitRangeItem {
    max = Immutable.map(max);
    min = Immutable.map(min);
    defaultLimits = Immutable.map(defaultLimits);
    defaultRequest = Immutable.map(defaultRequest);
    maxLimitRequestRatio = Immutable.map(maxLimitRequestRatio);
  }
}
