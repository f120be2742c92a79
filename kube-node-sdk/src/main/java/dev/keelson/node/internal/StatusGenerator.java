package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerStateRunning;
import dev.keelson.api.core.v1.ContainerStateTerminated;
import dev.keelson.api.core.v1.ContainerStateWaiting;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.EphemeralContainer;
import dev.keelson.api.core.v1.HostIP;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodCondition;
import dev.keelson.api.core.v1.PodIP;
import dev.keelson.api.core.v1.PodReadinessGate;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodStatus;
import dev.keelson.api.core.v1.PodStatusBuilder;
import dev.keelson.api.values.Quantity;
import dev.keelson.node.spi.ContainerInfo;
import dev.keelson.node.spi.ContainerState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a pod's status from the agent's record the way kubelet's {@code generateAPIPodStatus}
 * does: phase, the five conditions (keeping transition times of unchanged ones and conditions owned
 * by others), container statuses, IPs, start time and QoS class. Called under the record's lock.
 * Times are truncated to seconds, as the API stores them.
 */
final class StatusGenerator {
  private final String runtimeName;
  private final String hostIp;

  StatusGenerator(String runtimeName, String hostIp) {
    this.runtimeName = runtimeName;
    this.hostIp = hostIp;
  }

  PodStatus generate(PodRecord rec, Pod pod, Instant nowExact) {
    Instant now = nowExact.truncatedTo(ChronoUnit.SECONDS);
    PodSpec spec = pod.spec();
    PodStatus old = pod.status() == null ? PodStatusBuilder.builder().build() : pod.status();
    List<ContainerStatus> inits = new ArrayList<>();
    boolean initsDone = true;
    List<String> incompleteInits = new ArrayList<>();
    for (Container c : spec.initContainers()) {
      ContainerRecord cr = rec.containers.get(c.name());
      ContainerStatus s = containerStatus(c, cr, true);
      inits.add(s);
      boolean done =
          cr != null
              && cr.current != null
              && cr.current.state() == ContainerState.EXITED
              && cr.current.exitCode() == 0;
      if (!done) {
        initsDone = false;
        incompleteInits.add(c.name());
      }
    }
    List<ContainerStatus> mains = new ArrayList<>();
    List<String> unready = new ArrayList<>();
    for (Container c : spec.containers()) {
      ContainerRecord cr = rec.containers.get(c.name());
      ContainerStatus s = containerStatus(c, cr, !initsDone);
      mains.add(s);
      if (!Boolean.TRUE.equals(s.ready())) {
        unready.add(c.name());
      }
    }
    String phase = phase(rec, spec, initsDone, mains, old.phase());

    List<PodCondition> conds = new ArrayList<>();
    boolean sandboxOk = rec.sandboxReady && (rec.networkSetUp || isHostNetwork(spec));
    conds.add(
        cond(old, "PodReadyToStartContainers", sandboxOk ? "True" : "False", null, null, now));
    boolean succeeded = "Succeeded".equals(phase);
    if (initsDone || succeeded) {
      conds.add(
          cond(
              old,
              "Initialized",
              "True",
              succeeded && !spec.initContainers().isEmpty() ? "PodCompleted" : null,
              null,
              now));
    } else {
      conds.add(
          cond(
              old,
              "Initialized",
              "False",
              "ContainersNotInitialized",
              "containers with incomplete status: " + list(incompleteInits),
              now));
    }
    PodCondition containersReady;
    if (succeeded) {
      containersReady = cond(old, "ContainersReady", "False", "PodCompleted", null, now);
    } else if (unready.isEmpty()) {
      containersReady = cond(old, "ContainersReady", "True", null, null, now);
    } else {
      containersReady =
          cond(
              old,
              "ContainersReady",
              "False",
              "ContainersNotReady",
              "containers with unready status: " + list(unready),
              now);
    }
    PodCondition ready = containersReady.withType("Ready");
    if ("True".equals(containersReady.status())) {
      for (PodReadinessGate g : spec.readinessGates()) {
        PodCondition gc = old.condition(g.conditionType());
        if (gc == null || !"True".equals(gc.status())) {
          ready =
              new PodCondition(
                  "Ready",
                  null,
                  "False",
                  null,
                  null,
                  "ReadinessGatesNotReady",
                  gc == null
                      ? "corresponding condition of pod readiness gate \""
                          + g.conditionType()
                          + "\" does not exist."
                      : "the status of pod readiness gate \""
                          + g.conditionType()
                          + "\" is not \"True\", but "
                          + gc.status());
          break;
        }
      }
    }
    ready = keepTransition(old, ready, now);
    conds.add(ready);
    conds.add(containersReady);
    PodCondition scheduled = old.condition("PodScheduled");
    conds.add(scheduled != null ? scheduled : cond(old, "PodScheduled", "True", null, null, now));
    // Conditions others own (readiness gates, DisruptionTarget...) stay as they are.
    for (PodCondition c : old.conditions()) {
      if (!List.of(
              "PodReadyToStartContainers",
              "Initialized",
              "Ready",
              "ContainersReady",
              "PodScheduled")
          .contains(c.type())) {
        conds.add(c);
      }
    }

    boolean hostNet = isHostNetwork(spec);
    List<String> ips = hostNet ? List.of(hostIp) : rec.podIps;
    return PodStatusBuilder.builder(old)
        .phase(phase)
        .conditions(conds)
        .hostIP(hostIp)
        .hostIPs(List.of(new HostIP(hostIp)))
        .podIP(ips.isEmpty() ? null : ips.get(0))
        .podIPs(ips.stream().map(PodIP::new).toList())
        .startTime(rec.startTime == null ? null : rec.startTime.truncatedTo(ChronoUnit.SECONDS))
        .initContainerStatuses(inits)
        .containerStatuses(mains)
        .ephemeralContainerStatuses(ephemeral(rec, spec))
        .qosClass(qosClass(spec))
        .build();
  }

  /** The ephemeral containers' statuses: never ready, never restarted. */
  private List<ContainerStatus> ephemeral(PodRecord rec, PodSpec spec) {
    List<ContainerStatus> out = new ArrayList<>();
    for (EphemeralContainer e : spec.ephemeralContainers()) {
      ContainerStatus s = containerStatus(e.asContainer(), rec.containers.get(e.name()), false);
      out.add(s.withReady(false));
    }
    return out;
  }

  private static boolean isHostNetwork(PodSpec spec) {
    return Boolean.TRUE.equals(spec.hostNetwork());
  }

  private static String list(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  private static PodCondition cond(
      PodStatus old, String type, String status, String reason, String message, Instant now) {
    return keepTransition(
        old, new PodCondition(type, null, status, null, null, reason, message), now);
  }

  private static PodCondition keepTransition(PodStatus old, PodCondition c, Instant now) {
    PodCondition prev = old.condition(c.type());
    Instant t =
        prev != null
                && Objects.equals(prev.status(), c.status())
                && prev.lastTransitionTime() != null
            ? prev.lastTransitionTime()
            : now;
    return c.withLastTransitionTime(t);
  }

  /** Kubelet's getPhase, with terminal phases kept. */
  private static String phase(
      PodRecord rec,
      PodSpec spec,
      boolean initsDone,
      List<ContainerStatus> mains,
      String oldPhase) {
    if ("Succeeded".equals(oldPhase) || "Failed".equals(oldPhase)) {
      return oldPhase;
    }
    if (rec.initFailed) {
      return "Failed";
    }
    if (!initsDone) {
      return "Pending";
    }
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerStatus s : mains) {
      if (s.state().running() != null) {
        running++;
      } else if (s.state().terminated() != null) {
        stopped++;
        if (s.state().terminated().exitCode() == 0) {
          succeeded++;
        }
      } else if (s.lastState() != null && s.lastState().terminated() != null) {
        stopped++;
        if (s.lastState().terminated().exitCode() == 0) {
          succeeded++;
        }
      } else {
        waiting++;
      }
    }
    if (waiting > 0) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      String policy = spec.restartPolicy() == null ? "Always" : spec.restartPolicy();
      if (rec.killedForDeletion) {
        return stopped == succeeded ? "Succeeded" : "Failed";
      }
      if (policy.equals("Always")) {
        return "Running";
      }
      if (stopped == succeeded) {
        return "Succeeded";
      }
      return policy.equals("Never") ? "Failed" : "Running";
    }
    return "Pending";
  }

  private ContainerStatus containerStatus(Container c, ContainerRecord cr, boolean initPending) {
    dev.keelson.api.core.v1.ContainerState state;
    dev.keelson.api.core.v1.ContainerState last = null;
    boolean ready = false;
    boolean started = false;
    String imageId = "";
    String containerId = null;
    int restarts = cr == null ? 0 : cr.restartCount;
    if (cr == null || cr.current == null) {
      String reason =
          cr != null && cr.waitingReason != null
              ? cr.waitingReason
              : initPending ? "PodInitializing" : "ContainerCreating";
      state = waiting(reason, cr == null ? null : cr.waitingMessage);
    } else {
      ContainerInfo i = cr.current;
      imageId = i.imageRef();
      containerId = runtimeName + "://" + i.id();
      if (cr.previous != null) {
        last = terminated(cr.previous);
      }
      switch (i.state()) {
        case CREATED, UNKNOWN -> state = waiting("ContainerCreating", null);
        case RUNNING -> {
          state =
              new dev.keelson.api.core.v1.ContainerState(
                  null, new ContainerStateRunning(sec(i.startedAt())), null);
          started = cr.started;
          ready = cr.ready && cr.started;
        }
        default -> {
          if (cr.waitingReason != null) {
            state = waiting(cr.waitingReason, cr.waitingMessage);
            last = terminated(i);
          } else {
            state = terminated(i);
          }
        }
      }
    }
    return new ContainerStatus(
        c.name(),
        state,
        last == null ? new dev.keelson.api.core.v1.ContainerState(null, null, null) : last,
        ready,
        restarts,
        c.image(),
        imageId,
        containerId,
        started,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static dev.keelson.api.core.v1.ContainerState waiting(String reason, String message) {
    return new dev.keelson.api.core.v1.ContainerState(
        new ContainerStateWaiting(reason, message), null, null);
  }

  private dev.keelson.api.core.v1.ContainerState terminated(ContainerInfo i) {
    String reason =
        i.reason() == null || i.reason().isEmpty()
            ? (i.exitCode() == 0 ? "Completed" : "Error")
            : i.reason();
    return new dev.keelson.api.core.v1.ContainerState(
        null,
        null,
        new ContainerStateTerminated(
            i.exitCode(),
            null,
            reason,
            i.message() == null || i.message().isEmpty() ? null : i.message(),
            sec(i.startedAt()),
            sec(i.finishedAt()),
            runtimeName + "://" + i.id()));
  }

  private static Instant sec(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Kubelet's QoS class: Guaranteed, Burstable or BestEffort. */
  static String qosClass(PodSpec spec) {
    boolean any = false;
    boolean guaranteed = true;
    List<Container> all = new ArrayList<>(spec.containers());
    all.addAll(spec.initContainers());
    for (Container c : all) {
      Map<String, Quantity> req = c.resources() == null ? Map.of() : c.resources().requests();
      Map<String, Quantity> lim = c.resources() == null ? Map.of() : c.resources().limits();
      for (String r : List.of("cpu", "memory")) {
        Quantity q = req.get(r);
        Quantity l = lim.get(r);
        if ((q != null && q.signum() != 0) || (l != null && l.signum() != 0)) {
          any = true;
        }
        Quantity effectiveReq = q != null ? q : l;
        if (l == null || effectiveReq == null || effectiveReq.compareTo(l) != 0) {
          guaranteed = false;
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
