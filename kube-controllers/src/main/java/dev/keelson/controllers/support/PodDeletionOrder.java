package dev.keelson.controllers.support;

import dev.keelson.api.core.v1.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which a controller deletes surplus pods, first to go first, as Kubernetes' {@code
 * ActivePodsWithRanks}: unscheduled before scheduled; Pending before Unknown before Running; not
 * Ready before Ready; lower {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing
 * a node with more related pods first; Ready for a shorter time before longer; more container
 * restarts first; newer before older (then by uid, to be total).
 *
 * <p>Keelson compares Ready times exactly; Kubernetes (feature LogarithmicScaleDown) buckets them
 * by powers of two of their age, so pods Ready for 5 and 7 seconds count as equally old there.
 */
public final class PodDeletionOrder implements Comparator<Pod> {
  /** The annotation whose (int32) value ranks pods for deletion, lowest first. */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private final Map<String, Integer> relatedPodsPerNode;

  /**
   * The order given how many related pods (of the same controller family) each node runs; pass an
   * empty map to ignore co-location.
   */
  public PodDeletionOrder(Map<String, Integer> relatedPodsPerNode) {
    this.relatedPodsPerNode = relatedPodsPerNode;
  }

  @Override
  public int compare(Pod a, Pod b) {
    boolean aUnassigned = nodeName(a).isEmpty();
    boolean bUnassigned = nodeName(b).isEmpty();
    if (aUnassigned != bUnassigned) {
      return aUnassigned ? -1 : 1;
    }
    int pa = phaseOrdinal(a);
    int pb = phaseOrdinal(b);
    if (pa != pb) {
      return Integer.compare(pa, pb);
    }
    boolean ra = Pods.isReady(a);
    boolean rb = Pods.isReady(b);
    if (ra != rb) {
      return ra ? 1 : -1;
    }
    int ca = deletionCost(a);
    int cb = deletionCost(b);
    if (ca != cb) {
      return Integer.compare(ca, cb);
    }
    int ka = rank(a);
    int kb = rank(b);
    if (ka != kb) {
      return Integer.compare(kb, ka); // doubled up first
    }
    if (ra) {
      int t = newerOrZeroFirst(Pods.readySince(a), Pods.readySince(b));
      if (t != 0) {
        return t;
      }
    }
    int restarts = Integer.compare(Pods.maxRestarts(b), Pods.maxRestarts(a));
    if (restarts != 0) {
      return restarts;
    }
    int created =
        newerOrZeroFirst(a.metadata().creationTimestamp(), b.metadata().creationTimestamp());
    if (created != 0) {
      return created;
    }
    return String.valueOf(a.metadata().uid()).compareTo(String.valueOf(b.metadata().uid()));
  }

  private int rank(Pod p) {
    String node = nodeName(p);
    return node.isEmpty() ? 0 : relatedPodsPerNode.getOrDefault(node, 0);
  }

  private static String nodeName(Pod p) {
    String n = p.spec() == null ? null : p.spec().nodeName();
    return n == null ? "" : n;
  }

  private static int phaseOrdinal(Pod p) {
    return switch (Pods.phase(p)) {
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0; // Pending (and anything else)
    };
  }

  private static int deletionCost(Pod p) {
    String v = p.metadata().annotation(DELETION_COST);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0; // the API server rejects invalid costs; be lenient
    }
  }

  /** A missing time sorts first; otherwise the later instant first (Kubernetes' afterOrZero). */
  private static int newerOrZeroFirst(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null && b == null ? 0 : a == null ? -1 : 1;
    }
    return b.compareTo(a);
  }
}
