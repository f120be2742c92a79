package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.MutatingPlugin;
import dev.keelson.apiserver.admission.Operation;
import dev.keelson.apiserver.admission.ValidatingPlugin;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's {@code Priority} plugin. Pods being created get {@code spec.priority} and {@code
 * spec.preemptionPolicy} from their {@code priorityClassName}'s PriorityClass, or from the {@code
 * globalDefault} class (then its name too), or 0 and {@code PreemptLowerPriority} without one; an
 * unknown class is refused (403 {@code no PriorityClass with name x was found}), as is a pod that
 * sets a different priority itself. {@code system-node-critical} (2000001000) and {@code
 * system-cluster-critical} (2000000000) are known even when not stored. At most one PriorityClass
 * may be the global default (403 {@code PriorityClass x is already marked as default. Only one
 * default can exist}); read from the watch cache, as the plugin reads its informer.
 */
public final class PriorityAdmission implements MutatingPlugin, ValidatingPlugin {
  static final GroupResource PRIORITY_CLASSES =
      GroupResource.of("scheduling.k8s.io", "priorityclasses");

  /** The classes every cluster has, and their values. */
  public static final Map<String, Integer> SYSTEM_CLASSES =
      Map.of("system-node-critical", 2000001000, "system-cluster-critical", 2000000000);

  private static final String PREEMPT_LOWER = "PreemptLowerPriority";

  private final AdmissionContext context;

  public PriorityAdmission(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.PRIORITY;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE || operation == Operation.UPDATE;
  }

  @Override
  public void admit(Attributes a) {
    if (a.operation() != Operation.CREATE || !a.isMain("", "pods") || a.object() == null) {
      return;
    }
    ObjectNode spec = a.object().with("spec");
    String className = spec.path("priorityClassName").asText("");
    int priority;
    String preemption;
    if (className.isEmpty()) {
      Optional<ObjectNode> def = globalDefault(null);
      if (def.isPresent()) {
        className = def.get().path("metadata").path("name").asText();
        spec.put("priorityClassName", className);
        priority = def.get().path("value").asInt(0);
        preemption = def.get().path("preemptionPolicy").asText(PREEMPT_LOWER);
      } else {
        priority = 0;
        preemption = PREEMPT_LOWER;
      }
    } else if (SYSTEM_CLASSES.containsKey(className) && find(className).isEmpty()) {
      priority = SYSTEM_CLASSES.get(className);
      preemption = PREEMPT_LOWER;
    } else {
      String wanted = className;
      ObjectNode pc =
          find(className)
              .orElseThrow(
                  () ->
                      ForbiddenException.of(
                          a.groupResource(),
                          a.name(),
                          "no PriorityClass with name " + wanted + " was found"));
      priority = pc.path("value").asInt(0);
      preemption = pc.path("preemptionPolicy").asText(PREEMPT_LOWER);
    }
    JsonNode own = spec.get("priority");
    if (own != null && !own.isNull() && own.asInt() != priority) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "the integer value of priority ("
              + own.asInt()
              + ") must not be provided in pod spec; priority admission controller computed "
              + priority
              + " from the given PriorityClass name");
    }
    JsonNode ownPolicy = spec.get("preemptionPolicy");
    if (ownPolicy != null && !ownPolicy.isNull() && !ownPolicy.asText().equals(preemption)) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "the string value of PreemptionPolicy ("
              + ownPolicy.asText()
              + ") must not be provided in pod spec; priority admission controller computed "
              + preemption
              + " from the given PriorityClass name");
    }
    spec.put("priority", priority);
    spec.put("preemptionPolicy", preemption);
  }

  @Override
  public void validate(Attributes a) {
    if (!a.isMain("scheduling.k8s.io", "priorityclasses")
        || a.object() == null
        || !a.object().path("globalDefault").asBoolean(false)) {
      return;
    }
    Optional<ObjectNode> other = globalDefault(a.name());
    if (other.isPresent()) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "PriorityClass "
              + other.get().path("metadata").path("name").asText()
              + " is already marked as default. Only one default can exist");
    }
  }

  private Optional<ObjectNode> find(String name) {
    if (!context.serves(PRIORITY_CLASSES)) {
      return Optional.empty();
    }
    Optional<ObjectNode> pc = context.cached(PRIORITY_CLASSES, null, name);
    return pc.isPresent() ? pc : context.get(PRIORITY_CLASSES, null, name);
  }

  /** The global default class other than {@code except}; the lowest value if several. */
  private Optional<ObjectNode> globalDefault(String except) {
    if (!context.serves(PRIORITY_CLASSES)) {
      return Optional.empty();
    }
    ObjectNode best = null;
    for (ObjectNode pc : context.list(PRIORITY_CLASSES, null)) {
      if (!pc.path("globalDefault").asBoolean(false)
          || pc.path("metadata").path("name").asText().equals(except)) {
        continue;
      }
      if (best == null || pc.path("value").asInt() < best.path("value").asInt()) {
        best = pc;
      }
    }
    return Optional.ofNullable(best);
  }
}
