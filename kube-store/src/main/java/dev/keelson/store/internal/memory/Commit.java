package dev.keelson.store.internal.memory;

import dev.keelson.store.WatchEvent;
import java.time.Instant;
import java.util.List;

/**
 * The changes of one revision, in key order, as kept in the engine's history and logged by the file
 * backend. Event key-values are engine-owned and copied before they leave.
 */
public record Commit(long revision, Instant time, List<WatchEvent> events) {}
