package dev.keelson.api.registry;

import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.internal.Named;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One resource the API serves at one version: its names, scope, verbs, categories and subresources,
 * as discovery ({@code APIResource}) and {@code kubectl api-resources} show them.
 *
 * <h2>Java type</h2>
 *
 * The entry does not hold a {@code Class}: it holds the <em>name</em> of the record class of the
 * kind ({@link #javaTypeName()}), resolved on first use by {@link #javaType()}. A built-in kind
 * whose record is not (yet) on the class path, and every custom resource ({@code javaTypeName ==
 * null}), resolve to {@link GenericObject}. This keeps the registry independent of the model
 * packages (which depend on nothing here), lets the built-in table name all kinds up front, and
 * makes a kind typed as soon as its record exists, without touching the registry. Built-in names
 * follow the convention of {@link #conventionalTypeName(GroupVersionKind)}: {@code
 * dev.keelson.api.core.v1.Pod}, {@code dev.keelson.api.apps.v1.Deployment}, ...
 *
 * @param group the API group, {@code ""} for the core group
 * @param plural the resource name in URLs, lower case ({@code deployments})
 * @param singular the singular name, lower case ({@code deployment}); defaults to the lower-cased
 *     kind
 * @param shortNames abbreviations kubectl accepts ({@code deploy})
 * @param namespaced whether objects live in a namespace
 * @param verbs the verbs the resource supports, in discovery's order
 * @param categories groups of resources kubectl can address together ({@code all})
 * @param subresources the subresources, by name
 * @param listKind the kind of the list type; defaults to {@code kind + "List"}
 * @param javaTypeName the record class of the kind, or {@code null} for a generic object
 */
@KubeModel
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    boolean namespaced,
    List<String> verbs,
    List<String> categories,
    List<Subresource> subresources,
    String listKind,
    String javaTypeName)
    implements ResourceTypeBuilder.With {

  /** {@code autoscaling/v1 Scale}: the kind of every {@code scale} subresource. */
  public static final GroupVersionKind SCALE_KIND =
      new GroupVersionKind("autoscaling", "v1", "Scale");

  private static final Map<String, Class<?>> RESOLVED = new ConcurrentHashMap<>();

  public ResourceType {
    group = group == null ? "" : group;
    requireText(version, "version");
    requireText(kind, "kind");
    requireText(plural, "plural");
    if (!plural.equals(plural.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("plural must be lower case: " + plural);
    }
    singular = singular == null || singular.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singular;
    shortNames = Immutable.list(shortNames);
    verbs = Immutable.list(verbs);
    categories = Immutable.list(categories);
    subresources = Immutable.list(subresources);
    listKind = listKind == null || listKind.isEmpty() ? kind + "List" : listKind;
  }

  /**
   * A resource with every verb ({@link Verbs#ALL}), no short names, categories or subresources, and
   * a generic Java type: the starting point for custom resources. Refine it with the {@code withX}
   * methods.
   */
  public static ResourceType of(
      String group, String version, String kind, String plural, boolean namespaced) {
    return new ResourceType(
        group, version, kind, plural, null, null, namespaced, Verbs.ALL, null, null, null, null);
  }

  /**
   * The record class name Keelson uses for a kind: {@code dev.keelson.api.<g>.<version>.<Kind>}
   * where {@code <g>} is {@code core} for the core group and the first DNS label of the group
   * otherwise ({@code apps}, {@code discovery} for {@code discovery.k8s.io}).
   */
  public static String conventionalTypeName(GroupVersionKind gvk) {
    String g = gvk.group().isEmpty() ? "core" : gvk.group().split("\\.", 2)[0];
    return "dev.keelson.api." + g + "." + gvk.version() + "." + gvk.kind();
  }

  public GroupVersionKind gvk() {
    return new GroupVersionKind(group, version, kind);
  }

  public GroupVersionResource gvr() {
    return new GroupVersionResource(group, version, plural);
  }

  public GroupResource groupResource() {
    return new GroupResource(group, plural);
  }

  /** {@code group/version}, or {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The list kind at this group-version ({@code PodList}). */
  public GroupVersionKind listGvk() {
    return new GroupVersionKind(group, version, listKind);
  }

  /** Whether the resource supports {@code verb} ({@code "watch"}, ...). */
  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  /** The subresource {@code name}, if the resource has it. */
  public Optional<Subresource> subresource(String name) {
    return Optional.ofNullable(Named.find(subresources, Subresource::name, name));
  }

  /**
   * The Java class of the kind: the record named by {@link #javaTypeName()} if it can be loaded,
   * {@link GenericObject} otherwise (also for custom resources). Resolved once per class name.
   */
  public Class<?> javaType() {
    if (javaTypeName == null) {
      return GenericObject.class;
    }
    return RESOLVED.computeIfAbsent(javaTypeName, ResourceType::load);
  }

  /** Whether objects of this resource are typed records rather than generic objects. */
  public boolean isTyped() {
    return javaType() != GenericObject.class;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ResourceType.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return GenericObject.class;
    }
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
