package dev.keelson.controller.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.core.v1.Event;
import dev.keelson.client.KubeClient;
import dev.keelson.client.PatchType;
import java.util.Objects;

/** Where a {@link KubeEventRecorder} writes Events (the API through kube-client by default). */
public interface EventSink {

  /** Creates {@code event} in its {@code metadata.namespace}. */
  Event create(Event event);

  /** Applies a JSON merge patch to the Event {@code namespace/name}. */
  Event patch(String namespace, String name, JsonNode mergePatch);

  /** Writes Events through {@code client}. */
  static EventSink of(KubeClient client) {
    Objects.requireNonNull(client, "client");
    return new EventSink() {
      @Override
      public Event create(Event event) {
        return client
            .resources(Event.class)
            .inNamespace(event.metadata().namespace())
            .create(event);
      }

      @Override
      public Event patch(String namespace, String name, JsonNode mergePatch) {
        return client
            .resources(Event.class)
            .inNamespace(namespace)
            .patch(name, PatchType.MERGE, mergePatch);
      }
    };
  }
}
