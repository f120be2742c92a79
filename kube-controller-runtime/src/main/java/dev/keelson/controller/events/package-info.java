/**
 * Recording core/v1 Events about objects, as client-go's {@code tools/record}: an {@link
 * dev.keelson.controller.events.EventRecorder} never blocks the caller; {@link
 * dev.keelson.controller.events.KubeEventRecorder} buffers events (bounded; drops and counts when
 * full), folds repeats into one Event with a growing {@code count}, combines floods of similar
 * events and rate-limits each object's events (the spam filter), then writes them through an {@link
 * dev.keelson.controller.events.EventSink} on its own thread.
 */
package dev.keelson.controller.events;
