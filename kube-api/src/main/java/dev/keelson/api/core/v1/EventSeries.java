package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.json.MicroTime;

/** EventSeries contain information on series of events, i.e. */
@KubeModel
public record EventSeries(Integer count, MicroTime lastObservedTime)
    implements EventSeriesBuilder.With {}
