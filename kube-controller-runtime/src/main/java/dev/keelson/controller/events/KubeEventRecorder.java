package dev.keelson.controller.events;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.EventBuilder;
import dev.keelson.api.core.v1.EventSource;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.Clock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventRecorder} that writes core/v1 Events to the API, as client-go's {@code
 * record.EventBroadcaster} with its {@code EventCorrelator}.
 *
 * <ul>
 *   <li><b>Never blocks.</b> {@link #event} builds the Event and offers it to a bounded buffer
 *       ({@code bufferSize}, default 1000); when the buffer is full the event is dropped and
 *       counted ({@link EventRecorderStats#dropped()}).
 *   <li><b>One writer.</b> A daemon thread takes events in order, passes them through the spam
 *       filter (optional, on by default: 25 events per object, then one per 5 minutes) and the
 *       correlator (repeats patch the earlier Event's {@code count}, {@code lastTimestamp} and
 *       {@code message}; more than 10 distinct messages for one object and reason within 10 minutes
 *       are combined into one Event), then creates or patches it. A patch of an Event that was
 *       deleted meanwhile creates it again. Failed writes are logged, counted and not retried.
 *   <li><b>Fields.</b> {@code involvedObject} (kind, apiVersion, namespace, name, uid,
 *       resourceVersion), {@code reason}, {@code message}, {@code type}, {@code source} (component,
 *       host), {@code reportingComponent}/{@code reportingInstance} (the same), {@code
 *       firstTimestamp}, {@code lastTimestamp}, {@code count}. The Event lives in the object's
 *       namespace ({@code default} for cluster-scoped objects) and is named {@code
 *       <object-name>.<hex nanoseconds>}.
 * </ul>
 */
public final class KubeEventRecorder implements EventRecorder, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubeEventRecorder.class);

  /** The longest message written; longer ones are cut (the API refuses huge events). */
  static final int MAX_MESSAGE = 1024;

  private final EventSink sink;
  private final Clock clock;
  private final EventSource source;
  private final BlockingQueue<Event> buffer;
  private final SpamFilter spamFilter;
  private final EventCorrelator correlator;
  private final Thread writer;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong patched = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Object idleLock = new Object();
  private long lastNameNanos; // guarded by this
  private int pending; // guarded by idleLock: events accepted but not yet written
  private volatile boolean closed;

  private KubeEventRecorder(Builder b) {
    this.sink = b.sink;
    this.clock = b.clock;
    this.source = new EventSource(b.component, b.host);
    this.buffer = new ArrayBlockingQueue<>(b.bufferSize);
    this.spamFilter = b.spamFilter ? new SpamFilter(clock, b.cacheSize) : null;
    this.correlator = new EventCorrelator(clock, b.cacheSize);
    this.writer =
        Thread.ofPlatform().daemon().name("event-recorder-" + b.component).start(this::run);
  }

  /** A recorder for {@code component} (the controller's name) writing through {@code client}. */
  public static Builder builder(KubeClient client, String component) {
    return new Builder(EventSink.of(client), component);
  }

  /** A recorder for {@code component} writing to {@code sink}. */
  public static Builder builder(EventSink sink, String component) {
    return new Builder(sink, component);
  }

  @Override
  public void event(KubernetesObject object, EventType type, String reason, String message) {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(type, "type");
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("an event needs a reason");
    }
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    Event e = make(object, type, reason, message == null ? "" : message);
    boolean accepted;
    synchronized (idleLock) {
      // (checked again under the lock close() sets it under: an event taken after close's flush
      // would never be written, and a later flush would wait out its whole timeout for it)
      accepted = !closed && buffer.offer(e);
      if (accepted) {
        pending++;
      }
    }
    if (accepted) {
      recorded.incrementAndGet();
    } else {
      dropped.incrementAndGet();
    }
  }

  /** What happened to the events so far. */
  public EventRecorderStats stats() {
    return new EventRecorderStats(
        recorded.get(), dropped.get(), filtered.get(), created.get(), patched.get(), failed.get());
  }

  /**
   * Waits until every event recorded so far has been written (or failed).
   *
   * @return false if that took longer than {@code timeout}
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idleLock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idleLock, left);
      }
      return true;
    }
  }

  /** Stops accepting events, writes those buffered (for at most 5 seconds), stops the writer. */
  @Override
  public void close() {
    synchronized (idleLock) {
      closed = true;
    }
    try {
      flush(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
  }

  private Event make(KubernetesObject object, EventType type, String reason, String message) {
    ObjectMeta m = Objects.requireNonNull(object.metadata(), "object has no metadata");
    ObjectReference ref =
        new ObjectReference(
            object.kind(),
            m.namespace(),
            m.name(),
            m.uid(),
            object.apiVersion(),
            m.resourceVersion(),
            null);
    Instant now = clock.instant();
    String ns = m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
    String text =
        message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    return EventBuilder.builder()
        .metadata(ObjectMeta.named(ns, m.name() + "." + Long.toHexString(uniqueNanos(now))))
        .involvedObject(ref)
        .reason(reason)
        .message(text)
        .type(type.value())
        .source(source)
        .firstTimestamp(now)
        .lastTimestamp(now)
        .count(1)
        .reportingComponent(source.component())
        .reportingInstance(source.host())
        .build();
  }

  /** Epoch nanoseconds of {@code now}, strictly increasing per recorder (names must differ). */
  private synchronized long uniqueNanos(Instant now) {
    long n = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNameNanos = Math.max(n, lastNameNanos + 1);
    return lastNameNanos;
  }

  private void run() {
    while (true) {
      Event e;
      try {
        e = buffer.take();
      } catch (InterruptedException ie) {
        return;
      }
      try {
        write(e);
      } catch (RuntimeException ex) {
        failed.incrementAndGet();
        log.warn("event recorder: could not write {}: {}", e.reason(), ex.toString());
      } finally {
        synchronized (idleLock) {
          pending--;
          idleLock.notifyAll();
        }
      }
    }
  }

  private void write(Event e) {
    if (spamFilter != null && !spamFilter.allow(e)) {
      filtered.incrementAndGet();
      return;
    }
    EventCorrelator.Decision d = correlator.correlate(e);
    if (d.patch() != null) {
      try {
        sink.patch(d.patchNamespace(), d.patchName(), d.patch());
        patched.incrementAndGet();
        return;
      } catch (NotFoundException gone) {
        // deleted meanwhile (events expire after an hour): create it again below
      }
    }
    try {
      sink.create(d.event().withMetadata(d.event().metadata().withResourceVersion(null)));
      created.incrementAndGet();
    } catch (RuntimeException ex) {
      correlator.forget(d.key());
      throw ex;
    }
  }

  /** Configures a {@link KubeEventRecorder}. */
  public static final class Builder {
    private final EventSink sink;
    private final String component;
    private String host = localHost();
    private Clock clock = Clock.system();
    private int bufferSize = 1000;
    private int cacheSize = 4096;
    private boolean spamFilter = true;

    private Builder(EventSink sink, String component) {
      this.sink = Objects.requireNonNull(sink, "sink");
      this.component = Objects.requireNonNull(component, "component");
    }

    /** The host written to {@code source.host} (default: this machine's name). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The clock of timestamps and the spam filter (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many events may wait to be written before new ones are dropped (default 1000). */
    public Builder bufferSize(int bufferSize) {
      if (bufferSize < 1) {
        throw new IllegalArgumentException("bufferSize must be positive");
      }
      this.bufferSize = bufferSize;
      return this;
    }

    /** How many distinct events the correlator and spam filter remember (default 4096). */
    public Builder cacheSize(int cacheSize) {
      if (cacheSize < 1) {
        throw new IllegalArgumentException("cacheSize must be positive");
      }
      this.cacheSize = cacheSize;
      return this;
    }

    /** Whether to rate-limit each object's events (default true, as client-go). */
    public Builder spamFilter(boolean spamFilter) {
      this.spamFilter = spamFilter;
      return this;
    }

    /** The recorder, with its writer thread running. */
    public KubeEventRecorder build() {
      return new KubeEventRecorder(this);
    }

    private static String localHost() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
