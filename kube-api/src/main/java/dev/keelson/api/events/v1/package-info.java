/**
 * {@code events.k8s.io/v1}: {@link dev.keelson.api.events.v1.Event}, the structured successor of
 * the core/v1 Event. The same stored events are served in both groups; this one names the core/v1
 * fields {@code deprecated*}.
 */
package dev.keelson.api.events.v1;
