package dev.keelson.api.registry;

import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The resources an API server serves, looked up by every name a client may use.
 *
 * <h2>Lookups</h2>
 *
 * <ul>
 *   <li>exactly, by {@link #byGvk kind}, {@link #byGvr resource} or {@link #byGroupResource group
 *       and plural} (preferred version);
 *   <li>as kubectl resolves a command-line argument ({@link #resolve}): {@code pods}, {@code pod},
 *       {@code po}, {@code Pod}, {@code deployments.apps}, {@code deployments.v1.apps}, case
 *       insensitively;
 *   <li>for discovery: {@link #groups()}, {@link #versions(String)}, {@link
 *       #preferredVersion(String)}, {@link #resources(String, String)}, {@link #inCategory}.
 * </ul>
 *
 * <h2>Ordering</h2>
 *
 * Groups are listed in registration order, except that the core group ({@code ""}) always comes
 * first; {@link #builtins()} registers the built-in groups in Kubernetes' discovery priority order.
 * The versions of a group are ordered by Kubernetes' version priority ({@code v1 > v1beta1 >
 * v1alpha1}); the first is the preferred version. Resources of a group-version keep their
 * registration order.
 *
 * <h2>Names and conflicts</h2>
 *
 * Within a group, a plural name belongs to one kind, a kind to one plural, and a singular name or
 * short name to one resource (all versions of a resource share its names). {@link #register}
 * rejects a resource that breaks one of these rules with a {@link ResourceConflictException} naming
 * the clash. The same short name in different groups is allowed (core {@code events} and {@code
 * events.k8s.io} are both {@code ev}); resolution then prefers the earlier group.
 *
 * <h2>Threading</h2>
 *
 * Thread-safe. Reads see an immutable snapshot and never block; writes (register, remove) are
 * serialized and replace the snapshot atomically, so a reader sees a change completely or not at
 * all.
 */
public final class ResourceRegistry {
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** An empty registry. */
  public ResourceRegistry() {}

  /**
   * A new registry holding the built-in resources (see {@link BuiltinResources}). Each call returns
   * a registry of its own (changes to one never show in another); they start from one immutable
   * snapshot of the built-ins, indexed once per JVM.
   */
  public static ResourceRegistry builtins() {
    ResourceRegistry registry = new ResourceRegistry();
    registry.snapshot = Builtins.SNAPSHOT;
    return registry;
  }

  /** The built-ins' snapshot, made on first use (a holder class: the JVM makes it once). */
  private static final class Builtins {
    static final Snapshot SNAPSHOT = withAll(Snapshot.EMPTY, BuiltinResources.all());
  }

  /**
   * Adds a resource. Registering an entry equal to one already present is a no-op.
   *
   * @throws ResourceConflictException if the resource's group-version already serves the plural or
   *     kind differently, or one of its names is taken by another resource of the group
   */
  public synchronized void register(ResourceType type) {
    snapshot = add(snapshot, type);
  }

  /**
   * Adds several resources, each as by {@link #register}, all or none: on a conflict nothing is
   * registered.
   */
  public synchronized void registerAll(Collection<ResourceType> types) {
    snapshot = withAll(snapshot, types);
  }

  /**
   * {@code s} with {@code types} added as by {@link #add}, one at a time, each checked against the
   * ones before it, but indexed once at the end (not once per type).
   */
  private static Snapshot withAll(Snapshot s, Collection<ResourceType> types) {
    List<ResourceType> entries = new ArrayList<>(s.entries);
    List<String> groups = new ArrayList<>(s.groupOrder);
    Map<GroupVersionKind, ResourceType> byGvk = new LinkedHashMap<>(s.byGvk);
    Map<GroupVersionResource, ResourceType> byGvr = new LinkedHashMap<>(s.byGvr);
    // What checkConflicts reads (entries, byGvk, byGvr), over the growing collections.
    Snapshot sofar = new Snapshot(entries, List.of(), groups, byGvk, byGvr, Map.of());
    boolean changed = false;
    for (ResourceType type : types) {
      Objects.requireNonNull(type, "type");
      if (type.equals(byGvr.get(type.gvr()))) {
        continue;
      }
      checkConflicts(sofar, type);
      entries.add(type);
      byGvk.put(type.gvk(), type);
      byGvr.put(type.gvr(), type);
      if (!groups.contains(type.group())) {
        groups.add(type.group());
      }
      changed = true;
    }
    return changed ? Snapshot.of(entries, groups) : s;
  }

  private static Snapshot add(Snapshot s, ResourceType type) {
    return withAll(s, List.of(Objects.requireNonNull(type, "type")));
  }

  /** Removes the resource at {@code gvr}; returns it, or empty if it was not registered. */
  public synchronized Optional<ResourceType> remove(GroupVersionResource gvr) {
    Snapshot s = snapshot;
    ResourceType existing = s.byGvr.get(gvr);
    if (existing == null) {
      return Optional.empty();
    }
    List<ResourceType> next = new ArrayList<>(s.entries);
    next.remove(existing);
    snapshot = Snapshot.of(next, s.groupOrder);
    return Optional.of(existing);
  }

  /** Removes every version of a resource (for example when its CRD is deleted); returns them. */
  public synchronized List<ResourceType> removeAll(GroupResource groupResource) {
    Snapshot s = snapshot;
    List<ResourceType> removed = new ArrayList<>();
    List<ResourceType> next = new ArrayList<>();
    for (ResourceType t : s.entries) {
      (t.groupResource().equals(groupResource) ? removed : next).add(t);
    }
    if (!removed.isEmpty()) {
      snapshot = Snapshot.of(next, s.groupOrder);
    }
    return List.copyOf(removed);
  }

  /**
   * Replaces every version of {@code groupResource} by {@code types} (all of that resource), in one
   * step: readers see the old versions or the new ones, never none.
   *
   * @throws ResourceConflictException if a new entry conflicts with another resource; the registry
   *     is then unchanged
   */
  public synchronized void replaceAll(GroupResource groupResource, Collection<ResourceType> types) {
    Snapshot s = snapshot;
    List<ResourceType> rest = new ArrayList<>();
    for (ResourceType t : s.entries) {
      if (!t.groupResource().equals(groupResource)) {
        rest.add(t);
      }
    }
    Snapshot next = rest.size() == s.entries.size() ? s : Snapshot.of(rest, s.groupOrder);
    for (ResourceType t : types) {
      if (!t.groupResource().equals(groupResource)) {
        throw new IllegalArgumentException("not a version of " + groupResource + ": " + t.gvr());
      }
      next = add(next, t);
    }
    snapshot = next;
  }

  /** The resource serving {@code gvk}. */
  public Optional<ResourceType> byGvk(GroupVersionKind gvk) {
    return Optional.ofNullable(snapshot.byGvk.get(gvk));
  }

  /** The resource at {@code gvr}. */
  public Optional<ResourceType> byGvr(GroupVersionResource gvr) {
    return Optional.ofNullable(snapshot.byGvr.get(gvr));
  }

  /**
   * The resource {@code plural} of {@code group} at the group's most preferred version serving it.
   */
  public Optional<ResourceType> byGroupResource(GroupResource groupResource) {
    return snapshot.ordered.stream()
        .filter(t -> t.groupResource().equals(groupResource))
        .findFirst();
  }

  /** Resolves a name as kubectl does, returning the best match: see {@link #resolveAll(String)}. */
  public Optional<ResourceType> resolve(String name) {
    List<ResourceType> all = resolveAll(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Every resource a command-line name can mean, best first. The name is {@code name}, {@code
   * name.group} or {@code name.version.group} and is compared case-insensitively; {@code name}
   * matches, in this order of preference, a plural ({@code deployments}), a singular ({@code
   * deployment}), a short name ({@code deploy}) or a kind ({@code Deployment}). Matches of the
   * first kind of name that matches at all are returned, ordered by group and then by version
   * priority.
   */
  public List<ResourceType> resolveAll(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.toLowerCase(Locale.ROOT);
    Snapshot s = snapshot;
    List<ResourceType> found = match(s, n, t -> true);
    int dot = n.indexOf('.');
    if (found.isEmpty() && dot > 0) {
      String head = n.substring(0, dot);
      String rest = n.substring(dot + 1);
      int dot2 = rest.indexOf('.');
      if (dot2 > 0) { // name.version.group
        String version = rest.substring(0, dot2);
        String group = rest.substring(dot2 + 1);
        found = match(s, head, t -> t.version().equals(version) && t.group().equals(group));
      }
      if (found.isEmpty()) { // name.group
        found = match(s, head, t -> t.group().equals(rest));
      }
    }
    return found;
  }

  /** Every registered resource: by group, then version priority, then registration order. */
  public List<ResourceType> all() {
    return snapshot.ordered;
  }

  /** The groups, core group ({@code ""}) first, then in registration order. */
  public List<String> groups() {
    Snapshot s = snapshot;
    return s.groupOrder.stream().filter(s.versionsByGroup::containsKey).toList();
  }

  /** The versions of {@code group}, preferred first; empty if the group is unknown. */
  public List<String> versions(String group) {
    return snapshot.versionsByGroup.getOrDefault(group == null ? "" : group, List.of());
  }

  /** The preferred version of {@code group}. */
  public Optional<String> preferredVersion(String group) {
    return versions(group).stream().findFirst();
  }

  /** The resources served at {@code group/version}, in registration order. */
  public List<ResourceType> resources(String group, String version) {
    String g = group == null ? "" : group;
    return snapshot.entries.stream()
        .filter(t -> t.group().equals(g) && t.version().equals(version))
        .toList();
  }

  /**
   * The resources in {@code category} ({@code kubectl get all}), one per group and plural at its
   * preferred version.
   */
  public List<ResourceType> inCategory(String category) {
    Map<GroupResource, ResourceType> first = new LinkedHashMap<>();
    for (ResourceType t : snapshot.ordered) {
      if (t.categories().contains(category)) {
        first.putIfAbsent(t.groupResource(), t);
      }
    }
    return List.copyOf(first.values());
  }

  private static List<ResourceType> match(Snapshot s, String n, Predicate<ResourceType> where) {
    List<Predicate<ResourceType>> tiers =
        List.of(
            t -> t.plural().equals(n),
            t -> t.singular().equalsIgnoreCase(n),
            t -> t.shortNames().stream().anyMatch(x -> x.equalsIgnoreCase(n)),
            t -> t.kind().equalsIgnoreCase(n));
    for (Predicate<ResourceType> tier : tiers) {
      List<ResourceType> hits = s.ordered.stream().filter(where).filter(tier).toList();
      if (!hits.isEmpty()) {
        return hits;
      }
    }
    return List.of();
  }

  private static void checkConflicts(Snapshot s, ResourceType type) {
    String where = "group-version \"" + type.apiVersion() + "\"";
    if (s.byGvr.containsKey(type.gvr())) {
      ResourceType old = s.byGvr.get(type.gvr());
      throw new ResourceConflictException(
          "resource \""
              + type.plural()
              + "\" is already registered in "
              + where
              + " (kind "
              + old.kind()
              + ")"
              + (old.kind().equals(type.kind()) ? "; remove it first to change it" : ""));
    }
    if (s.byGvk.containsKey(type.gvk())) {
      throw new ResourceConflictException(
          "kind \""
              + type.kind()
              + "\" is already served by resource \""
              + s.byGvk.get(type.gvk()).plural()
              + "\" in "
              + where);
    }
    for (ResourceType other : s.entries) {
      if (!other.group().equals(type.group())) {
        continue;
      }
      String in = " in group \"" + type.group() + "\"";
      boolean samePlural = other.plural().equals(type.plural());
      if (samePlural && !other.kind().equals(type.kind())) {
        throw new ResourceConflictException(
            "resource \""
                + type.plural()
                + "\" already has kind \""
                + other.kind()
                + "\""
                + in
                + " (version "
                + other.version()
                + "), not \""
                + type.kind()
                + "\"");
      }
      if (!samePlural && other.kind().equals(type.kind())) {
        throw new ResourceConflictException(
            "kind \""
                + type.kind()
                + "\" is already served by resource \""
                + other.plural()
                + "\""
                + in
                + " (version "
                + other.version()
                + "), not \""
                + type.plural()
                + "\"");
      }
      if (samePlural) {
        continue; // another version of the same resource shares its names
      }
      for (String name : names(type)) {
        if (names(other).contains(name)) {
          throw new ResourceConflictException(
              "name \""
                  + name
                  + "\" of resource \""
                  + type.plural()
                  + "\" is already used by resource \""
                  + other.plural()
                  + "\""
                  + in);
        }
      }
    }
  }

  private static List<String> names(ResourceType t) {
    List<String> names = new ArrayList<>();
    names.add(t.plural());
    names.add(t.singular().toLowerCase(Locale.ROOT));
    t.shortNames().forEach(x -> names.add(x.toLowerCase(Locale.ROOT)));
    return names;
  }

  /** An immutable state of the registry with its indexes. */
  private record Snapshot(
      List<ResourceType> entries,
      List<ResourceType> ordered,
      List<String> groupOrder,
      Map<GroupVersionKind, ResourceType> byGvk,
      Map<GroupVersionResource, ResourceType> byGvr,
      Map<String, List<String>> versionsByGroup) {

    static final Snapshot EMPTY = of(List.of(), List.of(""));

    static Snapshot of(List<ResourceType> entries, List<String> groups) {
      Map<GroupVersionKind, ResourceType> byGvk = new LinkedHashMap<>();
      Map<GroupVersionResource, ResourceType> byGvr = new LinkedHashMap<>();
      Map<String, List<String>> versions = new LinkedHashMap<>();
      for (ResourceType t : entries) {
        byGvk.put(t.gvk(), t);
        byGvr.put(t.gvr(), t);
        List<String> vs = versions.computeIfAbsent(t.group(), g -> new ArrayList<>());
        if (!vs.contains(t.version())) {
          vs.add(t.version());
        }
      }
      versions.replaceAll((g, vs) -> vs.stream().sorted(VersionPriority.ORDER).toList());
      Comparator<ResourceType> order =
          Comparator.<ResourceType>comparingInt(t -> groups.indexOf(t.group()))
              .thenComparing(ResourceType::version, VersionPriority.ORDER);
      List<ResourceType> ordered = entries.stream().sorted(order).toList(); // stable
      return new Snapshot(
          List.copyOf(entries),
          ordered,
          List.copyOf(groups),
          Map.copyOf(byGvk),
          Map.copyOf(byGvr),
          Map.copyOf(versions));
    }
  }
}
