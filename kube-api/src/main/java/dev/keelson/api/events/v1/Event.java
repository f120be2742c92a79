package dev.keelson.api.events.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.EventSource;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;
import java.time.Instant;

/**
 * An event ({@code events.k8s.io/v1}): something that happened to an object, reported by a
 * controller.
 *
 * @param eventTime when the event first happened
 * @param series set when the event recurs; counts and last observation
 * @param reportingController the controller that emitted it, e.g. {@code kubernetes.io/kubelet}
 * @param reportingInstance the instance of that controller, e.g. {@code kubelet-node-1}
 * @param action what was done or failed, e.g. {@code Binding}
 * @param regarding the object the event is about
 * @param related a second object involved, if any
 * @param type {@code Normal} or {@code Warning}
 * @param deprecatedSource the core/v1 {@code source}, kept for compatibility
 */
@KubeModel
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    MicroTime eventTime,
    EventSeries series,
    String reportingController,
    String reportingInstance,
    String action,
    String reason,
    ObjectReference regarding,
    ObjectReference related,
    String note,
    String type,
    EventSource deprecatedSource,
    Instant deprecatedFirstTimestamp,
    Instant deprecatedLastTimestamp,
    Integer deprecatedCount)
    implements KubernetesObject, EventBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "events.k8s.io/v1";

  /** The kind. */
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
