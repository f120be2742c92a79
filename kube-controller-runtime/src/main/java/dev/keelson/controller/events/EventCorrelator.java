package dev.keelson.controller.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.json.KubeJson;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * Decides whether an event is new or a repeat, as client-go's {@code EventCorrelator}. Confined to
 * the recorder's writer thread.
 *
 * <ul>
 *   <li><b>Aggregation.</b> Events alike in everything but their message (same source, object, type
 *       and reason) within 10 minutes: once 10 distinct messages were seen, further ones are
 *       written as one Event whose message is {@code "(combined from similar events): " + message}.
 *   <li><b>Dedup.</b> An event equal to an earlier one (source, object, type, reason, message) is
 *       not created again: the earlier Event is patched with {@code count + 1}, the new {@code
 *       lastTimestamp} and the message.
 * </ul>
 *
 * Both caches are bounded LRUs, so a long-forgotten repeat is created afresh.
 */
final class EventCorrelator {
  static final int MAX_SIMILAR = 10;
  static final Duration SIMILAR_WINDOW = Duration.ofMinutes(10);
  static final String COMBINED_PREFIX = "(combined from similar events): ";

  /** What to write. {@code patch} is null for a create. */
  record Decision(
      String key, Event event, String patchNamespace, String patchName, ObjectNode patch) {}

  /** The distinct messages seen for one aggregate key, oldest first. */
  private static final class Similar {
    final LinkedHashSet<String> messages = new LinkedHashSet<>();
    Instant last;

    Similar(Instant last) {
      this.last = last;
    }
  }

  private static final class Seen {
    final String namespace;
    final String name;
    final Instant first;
    int count;

    Seen(String namespace, String name, Instant first, int count) {
      this.namespace = namespace;
      this.name = name;
      this.first = first;
      this.count = count;
    }
  }

  private final Clock clock;
  private final Lru<String, Similar> similar;
  private final Lru<String, Seen> seen;

  EventCorrelator(Clock clock, int cacheSize) {
    this.clock = clock;
    this.similar = new Lru<>(cacheSize);
    this.seen = new Lru<>(cacheSize);
  }

  Decision correlate(Event e) {
    Instant now = clock.instant();
    String aggregateKey = aggregateKey(e);
    Similar s = similar.get(aggregateKey);
    if (s == null || s.last.plus(SIMILAR_WINDOW).isBefore(now)) {
      s = new Similar(now);
      similar.put(aggregateKey, s);
    }
    s.messages.add(e.message());
    s.last = now;
    Event event = e;
    String key;
    if (s.messages.size() < MAX_SIMILAR) {
      key = eventKey(e);
    } else {
      s.messages.remove(s.messages.iterator().next());
      event = e.withMessage(COMBINED_PREFIX + e.message());
      key = aggregateKey;
    }

    Seen prev = seen.get(key);
    if (prev == null) {
      seen.put(key, new Seen(event.metadata().namespace(), event.metadata().name(), now, 1));
      return new Decision(key, event, null, null, null);
    }
    prev.count++;
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.put("count", prev.count);
    patch.set("lastTimestamp", KubeJson.toTree(event.lastTimestamp()));
    patch.put("message", event.message());
    Event repeated =
        event
            .withMetadata(event.metadata().withName(prev.name).withNamespace(prev.namespace))
            .withCount(prev.count)
            .withFirstTimestamp(prev.first);
    return new Decision(key, repeated, prev.namespace, prev.name, patch);
  }

  /** The Event {@code key} refers to is gone: the next repeat creates it again. */
  void forget(String key) {
    seen.remove(key);
  }

  private static String aggregateKey(Event e) {
    ObjectReference o = e.involvedObject();
    return join(
        e.source().component(),
        e.source().host(),
        o.kind(),
        o.namespace(),
        o.name(),
        o.uid(),
        o.apiVersion(),
        e.type(),
        e.reason(),
        e.reportingComponent(),
        e.reportingInstance());
  }

  private static String eventKey(Event e) {
    ObjectReference o = e.involvedObject();
    return join(
        e.source().component(),
        e.source().host(),
        o.kind(),
        o.namespace(),
        o.name(),
        o.fieldPath(),
        o.uid(),
        o.apiVersion(),
        e.type(),
        e.reason(),
        e.message());
  }

  static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      b.append(Objects.toString(p, "")).append('\u0000');
    }
    return b.toString();
  }
}
