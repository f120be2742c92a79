package dev.keelson.watch;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a {@link WatchCache} for one resource behaves. Build with {@link #builder(ResourceKeys,
 * String, String)}; every setting but the resource has a default.
 *
 * @param keys the resource's key layout
 * @param apiVersion the apiVersion written in bookmarks, for example {@code v1}
 * @param kind the kind written in bookmarks, for example {@code Pod}
 * @param fields the resource's selectable fields
 * @param windowEvents capacity of the window of recent events (resume and paginated lists)
 * @param windowAge events older than this leave the window; {@link Duration#ZERO} for no age limit
 * @param bufferEvents default for how far a subscriber may fall behind (at most {@code
 *     windowEvents})
 * @param bookmarkInterval how often subscribers that asked for bookmarks get one
 * @param timerResolution how often the cache checks subscribers' timeouts and bookmark times
 * @param listWaitTimeout how long a list or watch for a resource version newer than the cache waits
 *     before failing with 504
 * @param consistentReadWait how long a consistent list waits for the cache to reach the store's
 *     revision before reading that page from the store instead
 * @param clock time source for the window's age, timeouts and bookmarks
 */
public record WatchCacheConfig(
    ResourceKeys keys,
    String apiVersion,
    String kind,
    FieldExtractor fields,
    int windowEvents,
    Duration windowAge,
    int bufferEvents,
    Duration bookmarkInterval,
    Duration timerResolution,
    Duration listWaitTimeout,
    Duration consistentReadWait,
    InstantSource clock) {

  public WatchCacheConfig {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(windowAge, "windowAge");
    Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
    Objects.requireNonNull(timerResolution, "timerResolution");
    Objects.requireNonNull(listWaitTimeout, "listWaitTimeout");
    Objects.requireNonNull(consistentReadWait, "consistentReadWait");
    Objects.requireNonNull(clock, "clock");
    if (windowEvents < 1 || bufferEvents < 1 || bufferEvents > windowEvents) {
      throw new IllegalArgumentException("need 1 <= bufferEvents <= windowEvents");
    }
    if (windowAge.isNegative()
        || !bookmarkInterval.isPositive()
        || !timerResolution.isPositive()
        || listWaitTimeout.isNegative()
        || consistentReadWait.isNegative()) {
      throw new IllegalArgumentException("durations must be positive");
    }
  }

  /** A builder with the defaults for one resource. */
  public static Builder builder(ResourceKeys keys, String apiVersion, String kind) {
    return new Builder(keys, apiVersion, kind);
  }

  /** Builds a {@link WatchCacheConfig}. */
  public static final class Builder {
    private final ResourceKeys keys;
    private final String apiVersion;
    private final String kind;
    private FieldExtractor fields = FieldExtractor.metadataOnly();
    private int windowEvents = 10_000;
    private Duration windowAge = Duration.ofMinutes(5);
    private int bufferEvents = 1_000;
    private Duration bookmarkInterval = Duration.ofMinutes(1);
    private Duration timerResolution = Duration.ofMillis(250);
    private Duration listWaitTimeout = Duration.ofSeconds(3);
    private Duration consistentReadWait = Duration.ofMillis(100);
    private InstantSource clock = InstantSource.system();

    private Builder(ResourceKeys keys, String apiVersion, String kind) {
      this.keys = keys;
      this.apiVersion = apiVersion;
      this.kind = kind;
    }

    public Builder fields(FieldExtractor fields) {
      this.fields = fields;
      return this;
    }

    public Builder windowEvents(int events) {
      this.windowEvents = events;
      return this;
    }

    public Builder windowAge(Duration age) {
      this.windowAge = age;
      return this;
    }

    public Builder bufferEvents(int events) {
      this.bufferEvents = events;
      return this;
    }

    public Builder bookmarkInterval(Duration interval) {
      this.bookmarkInterval = interval;
      return this;
    }

    public Builder timerResolution(Duration resolution) {
      this.timerResolution = resolution;
      return this;
    }

    public Builder listWaitTimeout(Duration timeout) {
      this.listWaitTimeout = timeout;
      return this;
    }

    public Builder consistentReadWait(Duration wait) {
      this.consistentReadWait = wait;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public WatchCacheConfig build() {
      return new WatchCacheConfig(
          keys,
          apiVersion,
          kind,
          fields,
          windowEvents,
          windowAge,
          bufferEvents,
          bookmarkInterval,
          timerResolution,
          listWaitTimeout,
          consistentReadWait,
          clock);
    }
  }
}
