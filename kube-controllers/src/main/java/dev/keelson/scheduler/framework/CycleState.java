package dev.keelson.scheduler.framework;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one scheduling cycle: the snapshot it schedules against and the data plugins compute
 * in PreFilter/PreScore for Filter/Score to read. Thread-safe (filters run in parallel).
 */
public final class CycleState {
  private final Snapshot snapshot;
  private final Map<String, Object> data = new ConcurrentHashMap<>();

  /** A fresh state over {@code snapshot}. */
  public CycleState(Snapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** The cluster as this cycle sees it. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Stores plugin data under {@code key}. */
  public void write(String key, Object value) {
    data.put(key, value);
  }

  /** The data stored under {@code key}, or {@code null}. */
  @SuppressWarnings("unchecked")
  public <T> T read(String key) {
    return (T) data.get(key);
  }
}
