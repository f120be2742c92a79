package dev.keelson.apiserver.rest;

import dev.keelson.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The garbage-collection finalizers a delete leaves on an object, as kube-apiserver's generic
 * registry decides them: {@code orphan} for propagation {@code Orphan}, {@code foregroundDeletion}
 * for {@code Foreground}, neither for {@code Background}; without a policy, a GC finalizer the
 * object already has decides, else the kind's default ({@code Orphan} for batch/v1 Jobs, kept for
 * backward compatibility; {@code Background} for everything else Keelson serves).
 */
final class GcFinalizers {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  private GcFinalizers() {}

  /** The finalizers after a delete with {@code policy} (null when the request named none). */
  static List<String> forDelete(ResourceType type, List<String> current, String policy) {
    boolean orphan;
    boolean foreground;
    if (policy != null) {
      orphan = policy.equals("Orphan");
      foreground = policy.equals("Foreground");
    } else if (current.contains(ORPHAN) || current.contains(FOREGROUND)) {
      orphan = current.contains(ORPHAN);
      foreground = !orphan && current.contains(FOREGROUND);
    } else {
      orphan = defaultsToOrphan(type);
      foreground = false;
    }
    return with(current, orphan, foreground);
  }

  /**
   * A namespace's finalizers after its first delete: only an explicit policy changes them (its
   * storage has no default policy).
   */
  static List<String> forNamespaceDelete(List<String> current, String policy) {
    if (policy == null) {
      return current;
    }
    return with(current, policy.equals("Orphan"), policy.equals("Foreground"));
  }

  /** Whether a delete without a policy orphans the dependents of this kind at this version. */
  static boolean defaultsToOrphan(ResourceType type) {
    return type.group().equals("batch") && type.version().equals("v1") && type.kind().equals("Job");
  }

  private static List<String> with(List<String> current, boolean orphan, boolean foreground) {
    if (current.contains(ORPHAN) == orphan && current.contains(FOREGROUND) == foreground) {
      return current; // the same set: no change (Kubernetes compares sets)
    }
    List<String> out = new ArrayList<>();
    for (String f : current) {
      if (!f.equals(ORPHAN) && !f.equals(FOREGROUND)) {
        out.add(f);
      }
    }
    if (orphan) {
      out.add(ORPHAN);
    }
    if (foreground) {
      out.add(FOREGROUND);
    }
    return out;
  }
}
