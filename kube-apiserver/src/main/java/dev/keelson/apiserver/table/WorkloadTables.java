package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.CONTAINERS;
import static dev.keelson.apiserver.table.Columns.IMAGES;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.Columns.wide;
import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.integer;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.meta.TableColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** apps/v1 and batch/v1 workloads, as kube-apiserver prints them. */
final class WorkloadTables {
  private WorkloadTables() {}

  private static final TableColumnDefinition SELECTOR =
      wide("Selector", "string", "Label query over pods that should match the replicas count.");

  static TableConvertor deployments(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Ready", "string", "Number of the pod with ready state"),
            column(
                "Up-to-date",
                "string",
                "Total number of non-terminated pods targeted by this"
                    + " deployment that have the desired template spec."),
            column(
                "Available",
                "string",
                "Total number of available pods (ready for at least"
                    + " minReadySeconds) targeted by this deployment."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR),
        d -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(d));
          cells.add(integer(d, "status", "readyReplicas") + "/" + replicas(d));
          cells.add(integer(d, "status", "updatedReplicas"));
          cells.add(integer(d, "status", "availableReplicas"));
          cells.add(HumanDuration.since(Fields.created(d), clock));
          cells.addAll(Fields.containers(at(d, "spec", "template", "spec")));
          cells.add(Fields.selector(d, "spec", "selector"));
          return cells;
        });
  }

  static TableConvertor replicaSets(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Desired", "integer", "Replicas is the number of desired pods."),
            column(
                "Current",
                "integer",
                "Replicas is the most recently observed number of" + " replicas."),
            column("Ready", "integer", "The number of ready replicas for this replica set."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR),
        rs -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(rs));
          cells.add(replicas(rs));
          cells.add(integer(rs, "status", "replicas"));
          cells.add(integer(rs, "status", "readyReplicas"));
          cells.add(HumanDuration.since(Fields.created(rs), clock));
          cells.addAll(Fields.containers(at(rs, "spec", "template", "spec")));
          cells.add(Fields.formatSelector(rs, "spec", "selector"));
          return cells;
        });
  }

  static TableConvertor statefulSets(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Ready", "string", "Number of the pod with ready state"),
            AGE,
            CONTAINERS,
            IMAGES),
        s -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(s));
          cells.add(integer(s, "status", "readyReplicas") + "/" + replicas(s));
          cells.add(HumanDuration.since(Fields.created(s), clock));
          cells.addAll(Fields.containers(at(s, "spec", "template", "spec")));
          return cells;
        });
  }

  static TableConvertor daemonSets(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Desired",
                "integer",
                "The total number of nodes that should be running the" + " daemon pod."),
            column(
                "Current",
                "integer",
                "The number of nodes that are running at least 1 daemon"
                    + " pod and are supposed to run the daemon pod."),
            column(
                "Ready",
                "integer",
                "The number of nodes that should be running the daemon pod"
                    + " and have one or more of the daemon pod running and ready."),
            column(
                "Up-to-date",
                "integer",
                "The total number of nodes that are running updated" + " daemon pod"),
            column(
                "Available",
                "integer",
                "The number of nodes that should be running the daemon"
                    + " pod and have one or more of the daemon pod running and available."),
            column(
                "Node Selector",
                "string",
                "NodeSelector is a selector which must be true for" + " the pod to fit on a node."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR),
        ds -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(ds));
          cells.add(integer(ds, "status", "desiredNumberScheduled"));
          cells.add(integer(ds, "status", "currentNumberScheduled"));
          cells.add(integer(ds, "status", "numberReady"));
          cells.add(integer(ds, "status", "updatedNumberScheduled"));
          cells.add(integer(ds, "status", "numberAvailable"));
          cells.add(Fields.labels(ds, "spec", "template", "spec", "nodeSelector"));
          cells.add(HumanDuration.since(Fields.created(ds), clock));
          cells.addAll(Fields.containers(at(ds, "spec", "template", "spec")));
          cells.add(Fields.formatSelector(ds, "spec", "selector"));
          return cells;
        });
  }

  static TableConvertor jobs(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Status", "string", "Status of the job."),
            column("Completions", "string", "The number of pods which reached phase Succeeded."),
            column("Duration", "string", "Time required to complete the job."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR),
        job -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(job));
          cells.add(jobStatus(job));
          cells.add(completions(job));
          cells.add(jobDuration(job, clock));
          cells.add(HumanDuration.since(Fields.created(job), clock));
          cells.addAll(Fields.containers(at(job, "spec", "template", "spec")));
          cells.add(Fields.formatSelector(job, "spec", "selector"));
          return cells;
        });
  }

  static TableConvertor cronJobs(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Schedule", "string", "The schedule in Cron format."),
            column("Timezone", "string", "The time zone name for the given schedule."),
            column(
                "Suspend",
                "boolean",
                "This flag tells the controller to suspend subsequent" + " executions."),
            column("Active", "integer", "A list of pointers to currently running jobs."),
            column(
                "Last Schedule",
                "string",
                "Information when was the last time the job was" + " successfully scheduled."),
            AGE,
            CONTAINERS,
            IMAGES,
            SELECTOR),
        cj -> {
          List<Object> cells = new ArrayList<>();
          cells.add(name(cj));
          cells.add(text(cj, "spec", "schedule"));
          String tz = text(cj, "spec", "timeZone");
          cells.add(tz.isEmpty() ? "<none>" : tz);
          cells.add(
              Fields.isSet(cj, "spec", "suspend")
                  ? (at(cj, "spec", "suspend").asBoolean() ? "True" : "False")
                  : "<unset>");
          cells.add((long) Fields.list(cj, "status", "active").size());
          Instant last = Fields.time(cj, "status", "lastScheduleTime");
          cells.add(last == null ? "<none>" : HumanDuration.since(last, clock));
          cells.add(HumanDuration.since(Fields.created(cj), clock));
          JsonNode jobSpec = at(cj, "spec", "jobTemplate", "spec");
          cells.addAll(Fields.containers(at(jobSpec, "template", "spec")));
          cells.add(Fields.formatSelector(jobSpec, "selector"));
          return cells;
        });
  }

  static TableConvertor controllerRevisions(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Controller", "string", "Controller of the object"),
            column(
                "Revision",
                "string",
                "Revision indicates the revision of the state represented" + " by Data."),
            AGE),
        cr -> {
          String controller = "<none>";
          for (JsonNode ref : Fields.list(cr, "metadata", "ownerReferences")) {
            if (at(ref, "controller").asBoolean(false)) {
              String apiVersion = text(ref, "apiVersion");
              int slash = apiVersion.indexOf('/');
              String group = slash < 0 ? "" : apiVersion.substring(0, slash);
              String kind = text(ref, "kind");
              String groupKind = group.isEmpty() ? kind : kind + "." + group;
              controller = groupKind.toLowerCase(Locale.ROOT) + "/" + text(ref, "name");
              break;
            }
          }
          List<Object> cells = new ArrayList<>();
          cells.add(name(cr));
          cells.add(controller);
          cells.add(integer(cr, "revision"));
          cells.add(HumanDuration.since(Fields.created(cr), clock));
          return cells;
        });
  }

  /** {@code spec.replicas}, defaulted to 1 as the API server defaults it. */
  private static long replicas(JsonNode o) {
    JsonNode r = at(o, "spec", "replicas");
    return r.isNumber() ? r.asLong() : 1;
  }

  private static String completions(JsonNode job) {
    long succeeded = integer(job, "status", "succeeded");
    if (at(job, "spec", "completions").isNumber()) {
      return succeeded + "/" + integer(job, "spec", "completions");
    }
    long parallelism = integer(job, "spec", "parallelism");
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String jobDuration(JsonNode job, InstantSource clock) {
    Instant start = Fields.time(job, "status", "startTime");
    Instant end = Fields.time(job, "status", "completionTime");
    if (start == null) {
      return "";
    }
    return end == null
        ? HumanDuration.since(start, clock)
        : HumanDuration.format(Duration.between(start, end));
  }

  /** The job's state: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet, Running. */
  private static String jobStatus(JsonNode job) {
    if (hasCondition(job, "Complete")) {
      return "Complete";
    } else if (hasCondition(job, "Failed")) {
      return "Failed";
    } else if (Fields.isSet(job, "metadata", "deletionTimestamp")) {
      return "Terminating";
    } else if (hasCondition(job, "SuccessCriteriaMet")) {
      return "SuccessCriteriaMet";
    } else if (hasCondition(job, "Suspended")) {
      return "Suspended";
    } else if (hasCondition(job, "FailureTarget")) {
      return "FailureTarget";
    }
    return "Running";
  }

  private static boolean hasCondition(JsonNode o, String type) {
    for (JsonNode c : Fields.list(o, "status", "conditions")) {
      if (text(c, "type").equals(type) && text(c, "status").equals("True")) {
        return true;
      }
    }
    return false;
  }
}
