package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.CoreTables.cells;
import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.integer;
import static dev.keelson.apiserver.table.Fields.map;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PodDisruptionBudgets, PriorityClasses and ResourceQuotas, as kube-apiserver prints them. */
final class PolicyTables {
  private PolicyTables() {}

  static TableConvertor podDisruptionBudgets(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Min Available", "string", "The minimum number of pods that must be available."),
            column(
                "Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
            column(
                "Allowed Disruptions",
                "integer",
                "Calculated number of pods that may be disrupted at this time."),
            AGE),
        pdb ->
            cells(
                name(pdb),
                intOrString(at(pdb, "spec", "minAvailable")),
                intOrString(at(pdb, "spec", "maxUnavailable")),
                integer(pdb, "status", "disruptionsAllowed"),
                HumanDuration.since(Fields.created(pdb), clock)));
  }

  /** {@code IntOrString.String()}, or {@code N/A} when unset. */
  private static String intOrString(JsonNode n) {
    return n.isNumber() || n.isTextual() ? n.asText() : "N/A";
  }

  static TableConvertor priorityClasses(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Value",
                "integer",
                "value represents the integer value of this priority class. This is the actual"
                    + " priority that pods receive when they have the name of this class in their"
                    + " pod spec."),
            column(
                "Global-Default",
                "boolean",
                "globalDefault specifies whether this PriorityClass should be considered as the"
                    + " default priority for pods that do not have any priority class."),
            AGE,
            column(
                "PreemptionPolicy",
                "string",
                "preemptionPolicy is the Policy for preempting pods with lower priority. One of"
                    + " Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.")),
        pc ->
            cells(
                name(pc),
                integer(pc, "value"),
                at(pc, "globalDefault").asBoolean(false),
                HumanDuration.since(Fields.created(pc), clock),
                text(pc, "preemptionPolicy")));
  }

  static TableConvertor resourceQuotas(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Request",
                "string",
                "Request represents a minimum amount of cpu/memory that a container may consume."),
            column(
                "Limit",
                "string",
                "Limits control the maximum amount of cpu/memory that a container may use"
                    + " independent of contention on the node."),
            AGE),
        q -> {
          Map<String, String> hard = new TreeMap<>(map(q, "status", "hard"));
          Map<String, String> used = map(q, "status", "used");
          List<String> requests = new ArrayList<>();
          List<String> limits = new ArrayList<>();
          hard.forEach(
              (resource, quantity) -> {
                String entry = resource + ": " + used.getOrDefault(resource, "0") + "/" + quantity;
                (resource.startsWith("limits.") ? limits : requests).add(entry);
              });
          return cells(
              name(q),
              String.join(", ", requests),
              String.join(", ", limits),
              HumanDuration.since(Fields.created(q), clock));
        });
  }
}
