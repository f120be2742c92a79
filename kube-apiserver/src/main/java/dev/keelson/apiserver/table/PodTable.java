package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.integer;
import static dev.keelson.apiserver.table.Fields.list;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.meta.TableColumnDefinition;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. STATUS follows
 * kube-apiserver's printer: the phase or status reason, {@code SchedulingGated}, {@code Init:1/2}
 * and {@code Init:<reason>} while init containers run, the last container's waiting or terminated
 * reason ({@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Completed}, {@code
 * ExitCode:1}, {@code Signal:9}), {@code NotReady} or {@code Running} when a container still runs
 * after another completed, {@code Terminating} (or {@code Unknown} for a pod on an unreachable
 * node) once deleted.
 */
final class PodTable implements TableConvertor {
  private static final List<TableColumnDefinition> COLUMNS =
      List.of(
          Columns.NAME,
          Columns.column(
              "Ready",
              "string",
              "The aggregate readiness state of this pod for accepting traffic."),
          Columns.column("Status", "string", "The aggregate status of the containers in this pod."),
          Columns.column(
              "Restarts",
              "string",
              "The number of times the containers in this pod have been restarted and when the last"
                  + " container in this pod has restarted."),
          Columns.AGE,
          Columns.wide("IP", "string", "IP address allocated to the pod."),
          Columns.wide("Node", "string", "NodeName is the node the pod is scheduled onto."),
          Columns.wide(
              "Nominated Node",
              "string",
              "nominatedNodeName is set only when this pod preempts other pods on the node."),
          Columns.wide(
              "Readiness Gates",
              "string",
              "If specified, all readiness gates will be evaluated for pod readiness."));

  private final InstantSource clock;

  PodTable(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public List<TableColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode pod) {
    JsonNode spec = at(pod, "spec");
    JsonNode status = at(pod, "status");
    int totalContainers = list(spec, "containers").size();
    int ready = 0;
    long restarts = 0;
    Instant lastRestart = null;

    String reason = text(status, "phase");
    if (!text(status, "reason").isEmpty()) {
      reason = text(status, "reason");
    }
    for (JsonNode c : list(status, "conditions")) {
      if (text(c, "type").equals("PodScheduled") && text(c, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }

    boolean initializing = false;
    List<JsonNode> initStatuses = list(status, "initContainerStatuses");
    int initContainers = list(spec, "initContainers").size();
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode c = initStatuses.get(i);
      restarts += integer(c, "restartCount");
      lastRestart = later(lastRestart, Fields.time(c, "lastState", "terminated", "finishedAt"));
      JsonNode terminated = at(c, "state", "terminated");
      JsonNode waiting = at(c, "state", "waiting");
      if (terminated.isObject() && integer(terminated, "exitCode") == 0) {
        continue;
      }
      if (terminated.isObject()) {
        if (text(terminated, "reason").isEmpty()) {
          reason =
              integer(terminated, "signal") != 0
                  ? "Init:Signal:" + integer(terminated, "signal")
                  : "Init:ExitCode:" + integer(terminated, "exitCode");
        } else {
          reason = "Init:" + text(terminated, "reason");
        }
      } else if (waiting.isObject()
          && !text(waiting, "reason").isEmpty()
          && !text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + text(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initContainers;
      }
      initializing = true;
      break;
    }

    if (!initializing) {
      restarts = 0;
      boolean hasRunning = false;
      List<JsonNode> statuses = list(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode c = statuses.get(i);
        restarts += integer(c, "restartCount");
        lastRestart = later(lastRestart, Fields.time(c, "lastState", "terminated", "finishedAt"));
        JsonNode waiting = at(c, "state", "waiting");
        JsonNode terminated = at(c, "state", "terminated");
        if (waiting.isObject() && !text(waiting, "reason").isEmpty()) {
          reason = text(waiting, "reason");
        } else if (terminated.isObject() && !text(terminated, "reason").isEmpty()) {
          reason = text(terminated, "reason");
        } else if (terminated.isObject()) {
          reason =
              integer(terminated, "signal") != 0
                  ? "Signal:" + integer(terminated, "signal")
                  : "ExitCode:" + integer(terminated, "exitCode");
        } else if (at(c, "ready").asBoolean(false) && at(c, "state", "running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = hasCondition(status, "Ready") ? "Running" : "NotReady";
      }
    }

    if (Fields.isSet(pod, "metadata", "deletionTimestamp")) {
      reason = text(status, "reason").equals("NodeLost") ? "Unknown" : "Terminating";
    }

    String restartText =
        lastRestart == null
            ? Long.toString(restarts)
            : restarts + " (" + HumanDuration.since(lastRestart, clock) + " ago)";

    List<Object> cells = new ArrayList<>();
    cells.add(Fields.name(pod));
    cells.add(ready + "/" + totalContainers);
    cells.add(reason);
    cells.add(restartText);
    cells.add(HumanDuration.since(Fields.created(pod), clock));

    List<JsonNode> ips = list(status, "podIPs");
    String ip = ips.isEmpty() ? "" : text(ips.get(0), "ip");
    String readinessGates = "<none>";
    List<JsonNode> gates = list(spec, "readinessGates");
    if (!gates.isEmpty()) {
      int trueConditions = 0;
      for (JsonNode g : gates) {
        for (JsonNode c : list(status, "conditions")) {
          if (text(c, "type").equals(text(g, "conditionType"))) {
            if (text(c, "status").equals("True")) {
              trueConditions++;
            }
            break;
          }
        }
      }
      readinessGates = trueConditions + "/" + gates.size();
    }
    cells.addAll(
        Arrays.asList(
            orNone(ip),
            orNone(text(spec, "nodeName")),
            orNone(text(status, "nominatedNodeName")),
            readinessGates));
    return cells;
  }

  private static boolean hasCondition(JsonNode status, String type) {
    for (JsonNode c : list(status, "conditions")) {
      if (text(c, "type").equals(type) && text(c, "status").equals("True")) {
        return true;
      }
    }
    return false;
  }

  private static Instant later(Instant a, Instant b) {
    if (b == null) {
      return a;
    }
    return a == null || a.isBefore(b) ? b : a;
  }

  static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }
}
