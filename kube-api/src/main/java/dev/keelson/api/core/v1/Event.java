package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import java.time.Instant;

/**
 * A report of an event somewhere in the cluster.
 *
 * @param eventTime microsecond time; Kubernetes writes {@code null} when unset, Keelson leaves it
 *     out
 */
@KubeModel
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    EventSource source,
    Instant firstTimestamp,
    Instant lastTimestamp,
    Integer count,
    String type,
    MicroTime eventTime,
    EventSeries series,
    String action,
    ObjectReference related,
    String reportingComponent,
    String reportingInstance)
    implements KubernetesObject, EventBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Event";

  public Event {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Event withMetadata(ObjectMeta metadata) {
    return EventBuilder.With.super.withMetadata(metadata);
  }
}
