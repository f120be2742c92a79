package dev.keelson.controller.events;

import dev.keelson.api.KubernetesObject;

/**
 * Records Events about objects, as {@code kubectl describe} shows them. Recording never blocks and
 * never throws for a full buffer or an API failure: events are best-effort diagnostics.
 *
 * <p>{@code reason} is a short UpperCamelCase machine-readable word ({@code ScalingReplicaSet},
 * {@code FailedCreate}); {@code message} is for humans.
 */
public interface EventRecorder {

  /** Records an event of {@code type} about {@code object}. */
  void event(KubernetesObject object, EventType type, String reason, String message);

  /** Records a {@code Normal} event. */
  default void normal(KubernetesObject object, String reason, String message) {
    event(object, EventType.NORMAL, reason, message);
  }

  /** Records a {@code Warning} event. */
  default void warning(KubernetesObject object, String reason, String message) {
    event(object, EventType.WARNING, reason, message);
  }

  /** Records an event whose message is {@code String.format(format, args)}. */
  default void eventf(
      KubernetesObject object, EventType type, String reason, String format, Object... args) {
    event(object, type, reason, String.format(format, args));
  }
}
