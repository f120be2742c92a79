package dev.keelson.store.internal.memory;

import dev.keelson.store.WatchEvent;
import java.util.List;

/**
 * The changes of one revision, in key order, as kept in the engine's history and logged by the file
 * backend. Event key-values are engine-owned and copied before they leave.
 *
 * @param timeMillis when the commit was applied, in epoch milliseconds of the store's clock (read
 *     with {@code InstantSource.millis()}: for the system clock that is far cheaper per write than
 *     building an {@code Instant})
 */
public record Commit(long revision, long timeMillis, List<WatchEvent> events) {}
