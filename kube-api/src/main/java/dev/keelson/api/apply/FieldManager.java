package dev.keelson.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apply.internal.Walks;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Field ownership of one kind of object, as kube-apiserver's field manager keeps it in {@code
 * metadata.managedFields}: {@link #apply} merges an applied configuration into the live object (409
 * Conflict when it changes a field another manager owns, unless forced; fields the manager no
 * longer applies and nobody else owns are removed), {@link #update} records which fields an
 * ordinary write (create, update, patch) changed. Both work on JSON trees and never modify their
 * inputs except where documented.
 */
public final class FieldManager {
  /** {@code operation} of an applied configuration's entry. */
  public static final String APPLY = "Apply";

  /** {@code operation} of an ordinary write's entry. */
  public static final String UPDATE = "Update";

  /** Fields no manager owns (kube-apiserver strips them from every field set). */
  private static final List<FieldPath> ALWAYS_IGNORED =
      List.of(
          FieldPath.of("apiVersion"),
          FieldPath.of("kind"),
          FieldPath.of("metadata", "name"),
          FieldPath.of("metadata", "namespace"),
          FieldPath.of("metadata", "creationTimestamp"),
          FieldPath.of("metadata", "selfLink"),
          FieldPath.of("metadata", "uid"),
          FieldPath.of("metadata", "clusterName"),
          FieldPath.of("metadata", "generation"),
          FieldPath.of("metadata", "managedFields"),
          FieldPath.of("metadata", "resourceVersion"));

  /**
   * How many leading steps of a path decide whether it is ignored: every ignored path above (and
   * the status resets of {@link #of}) has at most two, and a path below an ignored one is ignored.
   */
  private static final int IGNORED_DEPTH = 2;

  private final FieldType type;
  private final Predicate<FieldPath> ignored;

  /**
   * A writer's identity and options.
   *
   * @param manager the field manager ({@code fieldManager} or the user agent's prefix)
   * @param apiVersion the version the object is written at
   * @param subresource the subresource written through, or empty
   * @param force apply only: take the fields other managers own instead of failing
   * @param now the time recorded in the entry
   */
  public record Writer(
      String manager, String apiVersion, String subresource, boolean force, Instant now) {
    public Writer {
      Objects.requireNonNull(manager, "manager");
      subresource = subresource == null ? "" : subresource;
    }
  }

  private FieldManager(FieldType type, Predicate<FieldPath> ignored) {
    this.type = type;
    this.ignored = ignored;
  }

  /**
   * The field manager of objects of {@code type} written through {@code subresource} (null or empty
   * for the main resource). With a status subresource the main resource's writes own no {@code
   * status} field and status writes own only {@code status}, as kube-apiserver resets them.
   */
  public static FieldManager of(FieldType type, String subresource, boolean hasStatusSubresource) {
    Predicate<FieldPath> base =
        p -> {
          for (FieldPath i : ALWAYS_IGNORED) {
            if (i.isPrefixOf(p)) {
              return true;
            }
          }
          return false;
        };
    FieldPath status = FieldPath.of("status");
    FieldPath metadata = FieldPath.of("metadata");
    Predicate<FieldPath> reset;
    if ("status".equals(subresource)) {
      reset = p -> p.size() > 0 && !status.isPrefixOf(p) && !metadata.isPrefixOf(p);
    } else if (hasStatusSubresource) {
      reset = status::isPrefixOf;
    } else {
      reset = p -> false;
    }
    return new FieldManager(type, base.or(reset));
  }

  /** The type this manager walks objects by. */
  public FieldType type() {
    return type;
  }

  private FieldSet owned(Set<FieldPath> paths) {
    List<FieldPath> kept = new ArrayList<>(paths.size());
    for (FieldPath p : paths) {
      if (!ignored.test(p)) {
        kept.add(p);
      }
    }
    return FieldSet.of(kept);
  }

  // ------------------------------------------------------------------ apply

  /**
   * Applies {@code config} (an object in apply form: only the fields its manager has opinions on)
   * to {@code live} (null to create). Returns the new object with its {@code
   * metadata.managedFields}.
   *
   * @throws ConflictException 409 naming each field another manager owns with a different value
   *     (unless forced)
   * @throws BadRequestException for a configuration that cannot be merged, or managedFields in it
   */
  public ObjectNode apply(ObjectNode live, ObjectNode config, Writer w) {
    if (config.path("metadata").has("managedFields")) {
      throw BadRequestException.of("metadata.managedFields must be nil");
    }
    Map<Owner, Entry> managers = decode(live);
    Owner self = new Owner(w.manager(), APPLY, w.subresource(), "");
    Entry previous = managers.get(self);
    JsonNode merged;
    FieldSet applied;
    try {
      merged = Walks.merge(live, config, type).deepCopy();
      applied = owned(Walks.fieldSet(config, type));
    } catch (Walks.InvalidConfigException e) {
      throw BadRequestException.of(e.getMessage());
    }
    managers.put(self, new Entry(applied, w.apiVersion(), w.now()));
    if (previous != null) {
      merged = prune(merged, previous.set(), managers);
    }
    ObjectNode result = (ObjectNode) merged;
    Walks.Comparison c = takeOver(live, result, managers, self, w.force(), true);
    if (previous != null && c.isSame() && previous.set().equals(applied)) {
      // a no-op apply keeps its entry's time, so that it writes nothing
      managers.put(self, new Entry(applied, w.apiVersion(), previous.time()));
    }
    encode(result, managers);
    return result;
  }

  /**
   * Removes what the applier owned before and owns no more, unless another manager owns it (or
   * something below it).
   */
  private JsonNode prune(JsonNode merged, FieldSet before, Map<Owner, Entry> managers) {
    Set<FieldPath> owned = new HashSet<>();
    for (Entry e : managers.values()) {
      owned.addAll(e.set().members());
    }
    Set<FieldPath> ancestors = new HashSet<>();
    for (FieldPath p : owned) {
      for (FieldPath q = p.parent(); q.size() > 0; q = q.parent()) {
        if (!ancestors.add(q)) {
          break;
        }
      }
    }
    List<FieldPath> gone = new ArrayList<>();
    for (FieldPath p : new TreeSet<>(before.members())) {
      if (!owned.contains(p) && !ancestors.contains(p) && !ignored.test(p)) {
        gone.add(p);
      }
    }
    if (gone.isEmpty()) {
      return merged;
    }
    JsonNode copy = merged.deepCopy();
    Walks.removeAll(copy, gone, type);
    return copy;
  }

  // ------------------------------------------------------------------ update

  /**
   * Records an ordinary write by {@code w.manager()} that turned {@code live} (null for a create)
   * into {@code updated}: the manager owns the fields it changed, other managers lose them and the
   * fields that were removed. The managed fields start from those of {@code updated} if it names
   * any (a write may set them; {@code [{}]} clears them) and otherwise from {@code live}'s; a write
   * through a subresource always starts from {@code live}'s. Sets {@code
   * updated.metadata.managedFields} in place.
   */
  public void update(ObjectNode live, ObjectNode updated, Writer w) {
    JsonNode sent = updated.path("metadata").get("managedFields");
    boolean sentSome = sent != null && sent.isArray() && !sent.isEmpty();
    if (live == null && !sentSome) {
      created(updated, w);
      return;
    }
    updateByComparison(live, updated, w);
  }

  /**
   * {@link #update} of a create that names no managers: the writer owns every field it set but the
   * ignored ones, so its FieldsV1 is written straight from the object in one walk. The same entry
   * as {@link #updateByComparison} would write (FieldManagerCreateTest compares them).
   */
  private void created(ObjectNode updated, Writer w) {
    ObjectNode fields = Walks.createdFields(updated, type, ignored, IGNORED_DEPTH);
    ObjectNode metadata = metadataOf(updated);
    if (fields.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    writeEntry(
        out.addObject(),
        new Owner(w.manager(), UPDATE, w.subresource(), w.apiVersion()),
        w.apiVersion(),
        w.now(),
        fields);
    metadata.set("managedFields", out);
  }

  /** {@link #update} by comparing the old and new objects: the general path. */
  void updateByComparison(ObjectNode live, ObjectNode updated, Writer w) {
    JsonNode sent = updated.path("metadata").get("managedFields");
    boolean sentSome = sent != null && sent.isArray() && !sent.isEmpty();
    Map<Owner, Entry> managers =
        sentSome && w.subresource().isEmpty() ? decodeOrEmpty(sent) : decode(live);
    Owner self = new Owner(w.manager(), UPDATE, w.subresource(), w.apiVersion());
    Walks.Comparison c = takeOver(live, updated, managers, null, true, false);
    Set<FieldPath> changed = new HashSet<>(c.added());
    changed.addAll(c.modified());
    FieldSet mine = owned(changed);
    if (!mine.isEmpty()) {
      Entry previous = managers.get(self);
      FieldSet all = previous == null ? mine : previous.set().union(mine);
      managers.put(self, new Entry(all, w.apiVersion(), w.now()));
    }
    encode(updated, managers);
  }

  /**
   * Takes the fields that changed from {@code live} to {@code next} away from every manager but
   * {@code self}, and the removed fields from all; with conflicts and no force, fails.
   */
  private Walks.Comparison takeOver(
      JsonNode live,
      JsonNode next,
      Map<Owner, Entry> managers,
      Owner self,
      boolean force,
      boolean applying) {
    JsonNode a = live == null ? null : withoutMeta(live);
    JsonNode b = withoutMeta(next);
    Walks.Comparison c = Walks.compare(a, b, type);
    if (managers.isEmpty() || (managers.size() == 1 && managers.containsKey(self))) {
      return c; // nobody else owns anything: no conflicts, nothing to take (every create)
    }
    FieldSet changed = FieldSet.of(c.added()).union(FieldSet.of(c.modified()));
    FieldSet removed = FieldSet.of(c.removed());
    Map<Owner, FieldSet> conflicts = new TreeMap<>();
    for (Map.Entry<Owner, Entry> m : managers.entrySet()) {
      if (m.getKey().equals(self)) {
        continue;
      }
      FieldSet clash = m.getValue().set().intersection(changed);
      if (!clash.isEmpty()) {
        conflicts.put(m.getKey(), clash);
      }
    }
    if (applying && !force && !conflicts.isEmpty()) {
      throw conflict(conflicts);
    }
    for (var it = managers.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Owner, Entry> m = it.next();
      if (m.getKey().equals(self)) {
        continue;
      }
      FieldSet clash = conflicts.getOrDefault(m.getKey(), FieldSet.empty());
      FieldSet left = m.getValue().set().difference(clash).difference(removed);
      if (left.isEmpty()) {
        it.remove();
      } else if (!left.equals(m.getValue().set())) {
        m.setValue(new Entry(left, m.getValue().apiVersion(), m.getValue().time()));
      }
    }
    return c;
  }

  /** The object without its managedFields (they are not compared). */
  private static JsonNode withoutMeta(JsonNode o) {
    JsonNode m = o.get("metadata");
    if (m == null || !m.has("managedFields")) {
      return o;
    }
    ObjectNode copy = ((ObjectNode) o).deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("managedFields");
    return copy;
  }

  // ------------------------------------------------------------------ conflicts

  private static ConflictException conflict(Map<Owner, FieldSet> conflicts) {
    List<StatusCause> causes = new ArrayList<>();
    int count = 0;
    StringBuilder grouped = new StringBuilder();
    String single = null;
    for (Map.Entry<Owner, FieldSet> c : conflicts.entrySet()) {
      String who = c.getKey().describe();
      if (grouped.length() > 0) {
        grouped.append('\n');
      }
      grouped.append("conflicts with ").append(who).append(':');
      for (FieldPath p : c.getValue().sorted()) {
        causes.add(new StatusCause("FieldManagerConflict", "conflict with " + who, p.toString()));
        grouped.append("\n- ").append(p);
        single = "conflict with " + who + ": " + p;
        count++;
      }
    }
    String message =
        count == 1
            ? "Apply failed with 1 conflict: " + single
            : "Apply failed with " + count + " conflicts: " + grouped;
    return new ConflictException(
        Status.failure(
            409, "Conflict", message, new StatusDetails(null, null, null, null, causes, null)));
  }

  // ------------------------------------------------------------------ managedFields

  /** A manager's identity: Update entries also differ by API version. */
  private record Owner(String manager, String operation, String subresource, String apiVersion)
      implements Comparable<Owner> {
    String describe() {
      StringBuilder b = new StringBuilder().append('"').append(manager).append('"');
      if (!subresource.isEmpty()) {
        b.append(" with subresource \"").append(subresource).append('"');
      }
      if (operation.equals(UPDATE)) {
        b.append(" using ").append(apiVersion);
      }
      return b.toString();
    }

    @Override
    public int compareTo(Owner o) {
      return Comparator.comparing(Owner::manager)
          .thenComparing(Owner::operation)
          .thenComparing(Owner::subresource)
          .thenComparing(Owner::apiVersion)
          .compare(this, o);
    }
  }

  private record Entry(FieldSet set, String apiVersion, Instant time) {}

  private static Map<Owner, Entry> decode(JsonNode object) {
    if (object == null) {
      return new LinkedHashMap<>();
    }
    JsonNode list = object.path("metadata").get("managedFields");
    return list == null ? new LinkedHashMap<>() : decodeOrEmpty(list);
  }

  /** The entries of a managedFields list; entries that cannot be read are dropped. */
  private static Map<Owner, Entry> decodeOrEmpty(JsonNode list) {
    Map<Owner, Entry> m = new LinkedHashMap<>();
    if (!list.isArray()) {
      return m;
    }
    for (JsonNode e : list) {
      String manager = e.path("manager").asText("");
      String operation = e.path("operation").asText("");
      String apiVersion = e.path("apiVersion").asText("");
      FieldSet set;
      try {
        set = FieldSet.fromFieldsV1(e.get("fieldsV1"));
      } catch (IllegalArgumentException bad) {
        continue;
      }
      if (set.isEmpty() || !(operation.equals(APPLY) || operation.equals(UPDATE))) {
        continue;
      }
      Instant time = null;
      if (e.hasNonNull("time")) {
        try {
          time = Instant.parse(e.get("time").asText());
        } catch (RuntimeException bad) {
          time = null;
        }
      }
      Owner o =
          new Owner(
              manager,
              operation,
              e.path("subresource").asText(""),
              operation.equals(UPDATE) ? apiVersion : "");
      Entry previous = m.get(o);
      m.put(
          o,
          previous == null
              ? new Entry(set, apiVersion, time)
              : new Entry(previous.set().union(set), apiVersion, time));
    }
    return m;
  }

  /** Writes the entries, sorted as kube-apiserver sorts them, into {@code object.metadata}. */
  /** The order of managedFields entries: operation, time, manager, apiVersion, subresource. */
  private static final Comparator<Map.Entry<Owner, Entry>> ENTRY_ORDER =
      Comparator.<Map.Entry<Owner, Entry>, String>comparing(e -> e.getKey().operation())
          .thenComparing(
              e -> e.getValue().time() == null ? 0L : e.getValue().time().getEpochSecond())
          .thenComparing(e -> e.getKey().manager())
          .thenComparing(e -> e.getValue().apiVersion())
          .thenComparing(e -> e.getKey().subresource());

  /** The object's metadata, added empty if it has none. */
  private static ObjectNode metadataOf(ObjectNode object) {
    return object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
  }

  private static void encode(ObjectNode object, Map<Owner, Entry> managers) {
    List<Map.Entry<Owner, Entry>> entries = new ArrayList<>(managers.entrySet());
    entries.removeIf(e -> e.getValue().set().isEmpty());
    entries.sort(ENTRY_ORDER);
    ObjectNode metadata = metadataOf(object);
    if (entries.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Map.Entry<Owner, Entry> e : entries) {
      writeEntry(
          out.addObject(),
          e.getKey(),
          e.getValue().apiVersion(),
          e.getValue().time(),
          e.getValue().set().toFieldsV1());
    }
    metadata.set("managedFields", out);
  }

  private static void writeEntry(
      ObjectNode o, Owner owner, String apiVersion, Instant time, ObjectNode fieldsV1) {
    o.put("manager", owner.manager());
    o.put("operation", owner.operation());
    o.put("apiVersion", apiVersion);
    if (time != null) {
      o.put("time", Times.format(time));
    }
    o.put("fieldsType", "FieldsV1");
    o.set("fieldsV1", fieldsV1);
    if (!owner.subresource().isEmpty()) {
      o.put("subresource", owner.subresource());
    }
  }
}
