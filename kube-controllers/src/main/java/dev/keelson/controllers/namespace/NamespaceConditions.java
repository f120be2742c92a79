package dev.keelson.controllers.namespace;

import dev.keelson.api.core.v1.NamespaceCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The five status conditions the namespace controller keeps on a terminating namespace, with the
 * types, reasons and messages of kube-controller-manager ({@code
 * NamespaceDeletionDiscoveryFailure}, {@code NamespaceDeletionGroupVersionParsingFailure}, {@code
 * NamespaceDeletionContentFailure}, {@code NamespaceContentRemaining}, {@code
 * NamespaceFinalizersRemaining}): {@code True} with a failure reason, else {@code False} with the
 * "all is well" reason.
 */
final class NamespaceConditions {
  static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
  static final String GV_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
  static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
  static final String CONTENT_REMAINING = "NamespaceContentRemaining";
  static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

  /** The maintained types, in the order kube-controller-manager appends them. */
  static final List<String> TYPES =
      List.of(
          DISCOVERY_FAILURE,
          GV_PARSING_FAILURE,
          CONTENT_FAILURE,
          CONTENT_REMAINING,
          FINALIZERS_REMAINING);

  private static final Map<String, String[]> OK =
      Map.of(
          DISCOVERY_FAILURE,
          new String[] {"ResourcesDiscovered", "All resources successfully discovered"},
          GV_PARSING_FAILURE,
          new String[] {"ParsedGroupVersions", "All legacy kube types successfully parsed"},
          CONTENT_FAILURE,
          new String[] {
            "ContentDeleted", "All content successfully deleted, may be waiting on finalization"
          },
          CONTENT_REMAINING,
          new String[] {"ContentRemoved", "All content successfully removed"},
          FINALIZERS_REMAINING,
          new String[] {"ContentHasNoFinalizers", "All content-preserving finalizers finished"});

  private final Instant now;
  private final List<NamespaceCondition> failures = new ArrayList<>();
  private final List<String> contentErrors = new ArrayList<>();

  NamespaceConditions(Instant now) {
    this.now = now;
  }

  /** Discovery failed for some group versions ({@code groupVersion -> error}). */
  void discoveryFailedGroups(Map<String, String> failed) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(failed).forEach((gv, err) -> parts.add(gv + ": " + err));
    failures.add(
        failure(
            DISCOVERY_FAILURE,
            "DiscoveryFailed",
            "Discovery failed for some groups, "
                + failed.size()
                + " failing: unable to retrieve the complete list of server APIs: "
                + String.join(", ", parts)));
  }

  /** Discovery failed altogether. */
  void discoveryFailed(String message) {
    failures.add(failure(DISCOVERY_FAILURE, "DiscoveryFailed", message));
  }

  /** Some group versions could not be parsed. */
  void groupVersionsUnparsable(String message) {
    failures.add(failure(GV_PARSING_FAILURE, "GroupVersionParsingFailed", message));
  }

  /** Deleting the content of one resource failed. */
  void contentError(String message) {
    contentErrors.add(message);
  }

  /**
   * What remains: instances per resource ({@code "pods."}, {@code "widgets.example.com"}) and
   * instances per finalizer.
   */
  void remaining(Map<String, Integer> perResource, Map<String, Integer> perFinalizer) {
    List<String> resources = new ArrayList<>();
    perResource.forEach(
        (r, n) -> {
          if (n > 0) {
            resources.add(r + " has " + n + " resource instances");
          }
        });
    if (!perResource.isEmpty()) {
      resources.sort(null);
      failures.add(
          failure(
              CONTENT_REMAINING,
              "SomeResourcesRemain",
              "Some resources are remaining: " + String.join(", ", resources)));
    }
    List<String> finalizers = new ArrayList<>();
    perFinalizer.forEach(
        (f, n) -> {
          if (n > 0) {
            finalizers.add(f + " in " + n + " resource instances");
          }
        });
    if (!perFinalizer.isEmpty()) {
      finalizers.sort(null);
      failures.add(
          failure(
              FINALIZERS_REMAINING,
              "SomeFinalizersRemain",
              "Some content in the namespace has finalizers remaining: "
                  + String.join(", ", finalizers)));
    }
  }

  /**
   * The conditions the namespace should have, given the ones it has: each maintained type set to
   * its failure or to its "ok" form; a condition keeps its lastTransitionTime unless its status
   * flips. Conditions of other types are kept as they are.
   */
  List<NamespaceCondition> apply(List<NamespaceCondition> current) {
    List<NamespaceCondition> wanted = new ArrayList<>(failures);
    if (find(wanted, CONTENT_FAILURE) == null && !contentErrors.isEmpty()) {
      List<String> sorted = new ArrayList<>(contentErrors);
      sorted.sort(null);
      wanted.add(
          failure(
              CONTENT_FAILURE,
              "ContentDeletionFailed",
              "Failed to delete all resource types, "
                  + sorted.size()
                  + " remaining: "
                  + String.join(", ", sorted)));
    }
    List<NamespaceCondition> out = new ArrayList<>(current);
    for (String type : TYPES) {
      NamespaceCondition next = find(wanted, type);
      if (next == null) {
        String[] ok = OK.get(type);
        next = new NamespaceCondition(type, "False", now, ok[0], ok[1]);
      }
      NamespaceCondition old = find(out, type);
      if (old == null) {
        out.add(next);
      } else if (!Objects.equals(old.status(), next.status())
          || !Objects.equals(old.reason(), next.reason())
          || !Objects.equals(old.message(), next.message())) {
        Instant since =
            Objects.equals(old.status(), next.status()) ? old.lastTransitionTime() : now;
        out.set(
            out.indexOf(old),
            new NamespaceCondition(type, next.status(), since, next.reason(), next.message()));
      }
    }
    return out;
  }

  private NamespaceCondition failure(String type, String reason, String message) {
    return new NamespaceCondition(type, "True", now, reason, message);
  }

  private static NamespaceCondition find(List<NamespaceCondition> list, String type) {
    for (NamespaceCondition c : list) {
      if (type.equals(c.type())) {
        return c;
      }
    }
    return null;
  }
}
