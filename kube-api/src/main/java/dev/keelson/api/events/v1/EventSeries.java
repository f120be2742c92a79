package dev.keelson.api.events.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.json.MicroTime;

/** How often a recurring event has been seen, and when last. */
@KubeModel
public record EventSeries(Integer count, MicroTime lastObservedTime)
    implements EventSeriesBuilder.With {}
