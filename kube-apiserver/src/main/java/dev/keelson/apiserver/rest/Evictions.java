package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.errors.TooManyRequestsException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.Status;
import dev.keelson.api.meta.StatusCause;
import dev.keelson.api.meta.StatusDetails;
import dev.keelson.api.selector.Selector;
import dev.keelson.apiserver.admission.AdmissionContext;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PodDisruptionBudget check of {@code pods/eviction}, as kube-apiserver's eviction REST: a pod
 * that is terminating, pending or finished, or that no budget selects, may go; more than one budget
 * is an error (500); otherwise the budget must allow a disruption ({@code status.disruptionsAllowed
 * > 0}, its status observed at its generation), else 429 {@code Cannot evict pod as it would
 * violate the pod's disruption budget.} with a {@code DisruptionBudget} cause. An allowed eviction
 * takes one disruption: {@code disruptionsAllowed} minus one and the pod in {@code disruptedPods},
 * written with the budget's resourceVersion and retried on conflict, before the pod is deleted (the
 * disruption controller clears the entry once the pod is gone).
 */
final class Evictions {
  static final GroupResource PDBS = GroupResource.of("policy", "poddisruptionbudgets");
  private static final String VIOLATION =
      "Cannot evict pod as it would violate the pod's disruption budget.";
  private static final int MAX_RETRIES = 20;

  private Evictions() {}

  /** Takes a disruption for {@code pod} from its budget, or refuses the eviction. */
  static void checkBudget(
      AdmissionContext cluster, ObjectNode pod, boolean dryRun, InstantSource clock) {
    if (!cluster.serves(PDBS) || canIgnoreBudget(pod)) {
      return;
    }
    String namespace = pod.path("metadata").path("namespace").asText();
    String podName = pod.path("metadata").path("name").asText();
    for (int attempt = 0; ; attempt++) {
      List<ObjectNode> budgets = matching(cluster, pod, namespace);
      if (budgets.isEmpty()) {
        return;
      }
      if (budgets.size() > 1) {
        throw InternalErrorException.of(
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does"
                + " not support.");
      }
      ObjectNode pdb = budgets.get(0);
      String name = pdb.path("metadata").path("name").asText();
      JsonNode status = pdb.path("status");
      if (status.path("observedGeneration").asLong(0)
          < pdb.path("metadata").path("generation").asLong(0)) {
        throw violation(
            "The disruption budget " + name + " is still being processed by the server.");
      }
      int allowed = status.path("disruptionsAllowed").asInt(0);
      if (allowed <= 0) {
        throw violation(
            "The disruption budget "
                + name
                + " needs "
                + status.path("desiredHealthy").asInt(0)
                + " healthy pods and has "
                + status.path("currentHealthy").asInt(0)
                + " currently");
      }
      if (dryRun) {
        return;
      }
      ObjectNode s = pdb.with("status");
      s.put("disruptionsAllowed", allowed - 1);
      s.with("disruptedPods").put(podName, Times.format(clock.instant()));
      try {
        cluster.updateStatus(PDBS, pdb);
        return;
      } catch (ConflictException e) {
        if (attempt >= MAX_RETRIES) {
          throw e;
        }
      }
    }
  }

  private static boolean canIgnoreBudget(ObjectNode pod) {
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      return true;
    }
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending");
  }

  /** The budgets selecting the pod (found in the watch cache, each read from the store). */
  private static List<ObjectNode> matching(
      AdmissionContext cluster, ObjectNode pod, String namespace) {
    Map<String, String> labels = new HashMap<>();
    pod.path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode pdb : cluster.list(PDBS, namespace)) {
      JsonNode selector = pdb.path("spec").get("selector");
      if (selector == null || selector.isNull()) {
        continue; // policy/v1: a budget without a selector selects nothing
      }
      if (Selector.fromLabelSelector(KubeJson.convert(selector, LabelSelector.class))
          .matches(labels)) {
        String name = pdb.path("metadata").path("name").asText();
        cluster.get(PDBS, namespace, name).ifPresent(out::add);
      }
    }
    return out;
  }

  private static TooManyRequestsException violation(String cause) {
    Status status =
        Status.failure(
            429,
            "TooManyRequests",
            VIOLATION,
            new StatusDetails(
                null,
                null,
                null,
                null,
                List.of(new StatusCause("DisruptionBudget", cause, null)),
                null));
    return new TooManyRequestsException(status);
  }
}
