package dev.keelson.controller.events;

/**
 * What a {@link KubeEventRecorder} did with the events it was given.
 *
 * @param recorded events accepted into the buffer
 * @param dropped events refused because the buffer was full
 * @param filtered events stopped by the spam filter
 * @param created Events created in the API
 * @param patched repeats written as a patch of an existing Event (count + 1)
 * @param failed writes the API refused or that could not reach it
 */
public record EventRecorderStats(
    long recorded, long dropped, long filtered, long created, long patched, long failed) {}
