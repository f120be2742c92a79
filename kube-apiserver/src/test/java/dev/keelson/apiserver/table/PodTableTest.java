package dev.keelson.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.TableColumnDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod rows: READY, the STATUS reason logic, RESTARTS with the last restart's age, wide cells. */
class PodTableTest {
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T01:00:00Z"));
  private final TableConvertor pods =
      TableConvertors.builtin(GroupResource.of("", "pods"), CLOCK).orElseThrow();

  static ObjectNode json(String text) {
    return (ObjectNode) KubeJson.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private List<Object> row(String spec, String status) {
    return row("", spec, status);
  }

  private List<Object> row(String extraMeta, String spec, String status) {
    return pods.cells(
        json(
            "{'metadata':{'name':'p','creationTimestamp':'2026-01-01T00:55:00Z'"
                + extraMeta
                + "},'spec':"
                + spec
                + ",'status':"
                + status
                + "}"));
  }

  private static final String TWO = "{'containers':[{'name':'a'},{'name':'b'}]}";

  @Test
  void columnsAreKubeApiserversWithWideOnesAtPriorityOne() {
    assertThat(pods.columns())
        .extracting(TableColumnDefinition::name)
        .containsExactly(
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates");
    assertThat(pods.columns())
        .extracting(TableColumnDefinition::priority)
        .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
    assertThat(pods.columns().get(0).format()).isEqualTo("name");
  }

  @Test
  void pendingPodWithoutStatusesShowsThePhaseAndNoneForWideCells() {
    assertThat(row(TWO, "{'phase':'Pending'}"))
        .containsExactly("p", "0/2", "Pending", "0", "5m", "<none>", "<none>", "<none>", "<none>");
  }

  @Test
  void runningPodCountsReadyRunningContainers() {
    List<Object> cells =
        row(
            "{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}]}",
            "{'phase':'Running','podIPs':[{'ip':'10.0.0.5'}],'containerStatuses':["
                + "{'name':'a','ready':true,'restartCount':0,'state':{'running':{}}},"
                + "{'name':'b','ready':false,'restartCount':0,'state':{'running':{}}}]}");
    assertThat(cells.subList(0, 4)).containsExactly("p", "1/2", "Running", "0");
    assertThat(cells.subList(5, 7)).containsExactly("10.0.0.5", "n1");
  }

  @Test
  void waitingReasonWinsContainerCreatingAndCrashLoopBackOff() {
    assertThat(
            row(
                    TWO,
                    "{'phase':'Pending','containerStatuses':[{'name':'a','state':{'waiting':"
                        + "{'reason':'ContainerCreating'}}}]}")
                .get(2))
        .isEqualTo("ContainerCreating");
    List<Object> crash =
        row(
            TWO,
            "{'phase':'Running','containerStatuses':[{'name':'a','restartCount':3,"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2026-01-01T00:55:00Z'}}}]}");
    assertThat(crash.get(2)).isEqualTo("CrashLoopBackOff");
    assertThat(crash.get(3)).isEqualTo("3 (5m ago)");
  }

  @Test
  void terminatedContainersShowReasonOrExitCodeOrSignal() {
    assertThat(
            row(
                    TWO,
                    "{'phase':'Succeeded','containerStatuses':[{'name':'a','state':{'terminated':"
                        + "{'reason':'Completed','exitCode':0}}}]}")
                .get(2))
        .isEqualTo("Completed");
    assertThat(
            row(
                    TWO,
                    "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':"
                        + "{'exitCode':2}}}]}")
                .get(2))
        .isEqualTo("ExitCode:2");
    assertThat(
            row(
                    TWO,
                    "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':"
                        + "{'exitCode':137,'signal':9}}}]}")
                .get(2))
        .isEqualTo("Signal:9");
  }

  @Test
  void completedWithAContainerStillRunningIsRunningOrNotReady() {
    String statuses =
        "'containerStatuses':[{'name':'a','ready':true,'state':{'running':{}}},"
            + "{'name':'b','state':{'terminated':{'reason':'Completed','exitCode':0}}}]";
    assertThat(
            row(
                    TWO,
                    "{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                        + statuses
                        + "}")
                .get(2))
        .isEqualTo("Running");
    assertThat(row(TWO, "{'phase':'Running'," + statuses + "}").get(2)).isEqualTo("NotReady");
  }

  @Test
  void initContainersShowProgressOrTheirReason() {
    String spec = "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]}";
    assertThat(
            row(
                    spec,
                    "{'phase':'Pending','initContainerStatuses':["
                        + "{'name':'i1','state':{'terminated':{'exitCode':0}}},"
                        + "{'name':'i2','state':{'running':{}}}]}")
                .get(2))
        .isEqualTo("Init:1/2");
    assertThat(
            row(
                    spec,
                    "{'phase':'Pending','initContainerStatuses':["
                        + "{'name':'i1','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}")
                .get(2))
        .isEqualTo("Init:CrashLoopBackOff");
    assertThat(
            row(
                    spec,
                    "{'phase':'Pending','initContainerStatuses':["
                        + "{'name':'i1','state':{'terminated':{'exitCode':3}}}]}")
                .get(2))
        .isEqualTo("Init:ExitCode:3");
  }

  @Test
  void deletedPodIsTerminatingAndSchedulingGatedShows() {
    assertThat(
            row(",'deletionTimestamp':'2026-01-01T00:59:00Z'", TWO, "{'phase':'Running'}").get(2))
        .isEqualTo("Terminating");
    assertThat(
            row(
                    TWO,
                    "{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'False',"
                        + "'reason':'SchedulingGated'}]}")
                .get(2))
        .isEqualTo("SchedulingGated");
  }

  @Test
  void readinessGatesCountTrueConditions() {
    List<Object> cells =
        row(
            "{'containers':[{'name':'a'}],'readinessGates':[{'conditionType':'x'},"
                + "{'conditionType':'y'}]}",
            "{'phase':'Running','nominatedNodeName':'n2','conditions':["
                + "{'type':'x','status':'True'},{'type':'y','status':'False'}]}");
    assertThat(cells.subList(7, 9)).containsExactly("n2", "1/2");
  }
}
