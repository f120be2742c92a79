package dev.keelson.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a pod fits on no node (kube-scheduler's {@code FitError}), with its message: {@code 0/N nodes
 * are available: } then either the PreFilter rejection or the node-count histogram of the filter
 * reasons ({@code "<count> <reason>"} sorted as strings, joined by {@code ", "}) and a period, then
 * the PostFilter (preemption) message.
 *
 * @param numAllNodes the nodes in the snapshot
 * @param statuses the rejecting status of each node tried
 * @param preFilterMessage the PreFilter rejection, or {@code ""}
 * @param postFilterMessage the preemption outcome, or {@code ""}
 */
public record FitError(
    int numAllNodes,
    Map<String, Status> statuses,
    String preFilterMessage,
    String postFilterMessage) {

  /** The plugins that rejected the pod on some node (for requeueing on their events). */
  public Set<String> unschedulablePlugins() {
    Set<String> out = new TreeSet<>();
    for (Status s : statuses.values()) {
      if (s.isRejected() && !s.plugin().isEmpty()) {
        out.add(s.plugin());
      }
    }
    return out;
  }

  /** This error with the PostFilter message set. */
  public FitError withPostFilterMessage(String message) {
    return new FitError(numAllNodes, statuses, preFilterMessage, message == null ? "" : message);
  }

  /** kube-scheduler's message. */
  public String message() {
    StringBuilder msg = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
    if (!preFilterMessage.isEmpty()) {
      msg.append(' ').append(preFilterMessage).append('.');
    } else {
      Map<String, Integer> counts = new HashMap<>();
      for (Status s : statuses.values()) {
        for (String r : s.reasons()) {
          counts.merge(r, 1, Integer::sum);
        }
      }
      List<String> parts = new ArrayList<>();
      counts.forEach((r, c) -> parts.add(c + " " + r));
      parts.sort(null);
      if (!parts.isEmpty()) {
        msg.append(' ').append(String.join(", ", parts)).append('.');
      }
    }
    if (!postFilterMessage.isEmpty()) {
      msg.append(' ').append(postFilterMessage);
    }
    return msg.toString();
  }
}
