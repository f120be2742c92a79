package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.PodTableTest.CLOCK;
import static dev.keelson.apiserver.table.PodTableTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupResource;
import dev.keelson.api.apiextensions.v1.CustomResourceColumnDefinition;
import dev.keelson.api.meta.TableColumnDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns and cells of the other built-in kinds, custom resources and the default table. */
class BuiltinTablesTest {
  private static final String META =
      "'metadata':{'name':'x','creationTimestamp':'2026-01-01T00:00:00Z'}";

  private static TableConvertor of(String group, String resource) {
    return TableConvertors.builtin(GroupResource.of(group, resource), CLOCK).orElseThrow();
  }

  private static List<String> names(TableConvertor c) {
    return c.columns().stream().map(TableColumnDefinition::name).toList();
  }

  @Test
  void deploymentShowsReadyOfDesiredAndWideContainersImagesSelector() {
    TableConvertor d = of("apps", "deployments");
    assertThat(names(d))
        .containsExactly(
            "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
    assertThat(d.columns())
        .extracting(TableColumnDefinition::priority)
        .containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
    assertThat(
            d.cells(
                json(
                    "{"
                        + META
                        + ",'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},"
                        + "'template':{'spec':{'containers':[{'name':'web','image':'nginx:1'},"
                        + "{'name':'side','image':'busybox'}]}}},"
                        + "'status':{'readyReplicas':2,'updatedReplicas':3,'availableReplicas':2}}")))
        .containsExactly("x", "2/3", 3L, 2L, "60m", "web,side", "nginx:1,busybox", "app=web");
  }

  @Test
  void replicaSetStatefulSetAndDaemonSetCounts() {
    assertThat(
            of("apps", "replicasets")
                .cells(json("{" + META + ",'spec':{'replicas':2},'status':{'replicas':2}}")))
        .containsExactly("x", 2L, 2L, 0L, "60m", "", "", "<none>");
    assertThat(
            of("apps", "statefulsets").cells(json("{" + META + ",'status':{'readyReplicas':1}}")))
        .containsExactly("x", "1/1", "60m", "", "");
    assertThat(names(of("apps", "daemonsets")))
        .containsExactly(
            "Name",
            "Desired",
            "Current",
            "Ready",
            "Up-to-date",
            "Available",
            "Node Selector",
            "Age",
            "Containers",
            "Images",
            "Selector");
    assertThat(
            of("apps", "daemonsets")
                .cells(
                    json(
                        "{"
                            + META
                            + ",'spec':{'template':{'spec':{'nodeSelector':{'os':'linux'}}}},"
                            + "'status':{'desiredNumberScheduled':3,'numberReady':1}}"))
                .subList(0, 8))
        .containsExactly("x", 3L, 0L, 1L, 0L, 0L, "os=linux", "60m");
  }

  @Test
  void jobShowsStatusCompletionsAndDuration() {
    TableConvertor j = of("batch", "jobs");
    assertThat(names(j).subList(0, 5))
        .containsExactly("Name", "Status", "Completions", "Duration", "Age");
    assertThat(
            j.cells(
                    json(
                        "{"
                            + META
                            + ",'spec':{'completions':1},'status':{'succeeded':1,"
                            + "'startTime':'2026-01-01T00:00:00Z','completionTime':"
                            + "'2026-01-01T00:00:42Z','conditions':[{'type':'Complete',"
                            + "'status':'True'}]}}"))
                .subList(0, 5))
        .containsExactly("x", "Complete", "1/1", "42s", "60m");
  }

  @Test
  void serviceShowsTypeClusterIpExternalIpAndPorts() {
    TableConvertor s = of("", "services");
    assertThat(names(s))
        .containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
    assertThat(
            s.cells(
                json(
                    "{"
                        + META
                        + ",'spec':{'type':'NodePort','clusterIPs':['10.96.0.10'],'selector':"
                        + "{'app':'web'},'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},"
                        + "{'port':53,'protocol':'UDP'}]}}")))
        .containsExactly(
            "x", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "60m", "app=web");
    assertThat(s.cells(json("{" + META + ",'spec':{'type':'LoadBalancer'}}")).get(3))
        .isEqualTo("<pending>");
  }

  @Test
  void endpointsShowAtMostThreeAddressesAndHowManyMore() {
    assertThat(
            of("", "endpoints")
                .cells(
                    json(
                        "{"
                            + META
                            + ",'subsets':[{'addresses':[{'ip':'1.1.1.1'},{'ip':'1.1.1.2'},"
                            + "{'ip':'1.1.1.3'},{'ip':'1.1.1.4'}],'ports':[{'port':80}]}]}"))
                .get(1))
        .isEqualTo("1.1.1.1:80,1.1.1.2:80,1.1.1.3:80 + 1 more...");
    assertThat(of("", "endpoints").cells(json("{" + META + "}")).get(1)).isEqualTo("<none>");
  }

  @Test
  void nodeShowsReadinessRolesVersionAndWideSystemInfo() {
    TableConvertor n = of("", "nodes");
    assertThat(
            n.cells(
                json(
                    "{'metadata':{'name':'n1','creationTimestamp':'2026-01-01T00:00:00Z',"
                        + "'labels':{'node-role.kubernetes.io/control-plane':''}},"
                        + "'spec':{'unschedulable':true},'status':{'conditions':[{'type':'Ready',"
                        + "'status':'False'}],'addresses':[{'type':'InternalIP','address':"
                        + "'192.168.1.2'}],'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':"
                        + "'Debian'}}}")))
        .containsExactly(
            "n1",
            "NotReady,SchedulingDisabled",
            "control-plane",
            "60m",
            "v1.32.0",
            "192.168.1.2",
            "<none>",
            "Debian",
            "<unknown>",
            "<unknown>");
  }

  @Test
  void smallKindsCountTheirEntries() {
    assertThat(of("", "configmaps").cells(json("{" + META + ",'data':{'a':'1','b':'2'}}")))
        .containsExactly("x", 2L, "60m");
    assertThat(of("", "secrets").cells(json("{" + META + ",'type':'Opaque','data':{'a':'MQ=='}}")))
        .containsExactly("x", "Opaque", 1L, "60m");
    assertThat(of("", "namespaces").cells(json("{" + META + ",'status':{'phase':'Active'}}")))
        .containsExactly("x", "Active", "60m");
    assertThat(of("", "serviceaccounts").cells(json("{" + META + "}")))
        .containsExactly("x", 0L, "60m");
    assertThat(
            of("coordination.k8s.io", "leases")
                .cells(json("{" + META + ",'spec':{'holderIdentity':'me'}}")))
        .containsExactly("x", "me", "60m");
  }

  @Test
  void eventShowsLastSeenTypeReasonObjectMessage() {
    TableConvertor e = of("", "events");
    assertThat(names(e).subList(0, 4)).containsExactly("Last Seen", "Type", "Reason", "Object");
    assertThat(
            e.cells(
                json(
                    "{"
                        + META
                        + ",'involvedObject':{'kind':'Pod','name':'web'},'type':'Normal',"
                        + "'reason':'Pulled','message':' done ','source':{'component':'kubelet',"
                        + "'host':'n1'},'firstTimestamp':'2026-01-01T00:50:00Z',"
                        + "'lastTimestamp':'2026-01-01T00:58:00Z','count':2}")))
        .containsExactly(
            "2m", "Normal", "Pulled", "pod/web", "", "kubelet, n1", "done", "10m", 2L, "x");
  }

  @Test
  void customResourceColumnsEvaluateJsonPathsAndDatesBecomeAges() {
    TableConvertor cr =
        TableConvertors.customResource(
            List.of(
                new CustomResourceColumnDefinition(
                    "Replicas", "integer", null, null, null, ".spec.replicas"),
                new CustomResourceColumnDefinition(
                    "Ready",
                    "string",
                    null,
                    null,
                    null,
                    ".status.conditions[?(@.type==\"Ready\")].status"),
                new CustomResourceColumnDefinition(
                    "Host", "string", null, null, 1, ".spec.hosts[0]"),
                new CustomResourceColumnDefinition(
                    "Started", "date", null, null, null, ".status.startedAt"),
                new CustomResourceColumnDefinition(
                    "Missing", "string", null, null, null, ".spec.nothing")),
            CLOCK);
    assertThat(names(cr))
        .containsExactly("Name", "Replicas", "Ready", "Host", "Started", "Missing");
    assertThat(cr.columns().get(3).priority()).isEqualTo(1);
    assertThat(
            cr.cells(
                json(
                    "{"
                        + META
                        + ",'spec':{'replicas':3,'hosts':['a.example','b.example']},"
                        + "'status':{'startedAt':'2026-01-01T00:59:30Z','conditions':["
                        + "{'type':'Synced','status':'False'},{'type':'Ready','status':'True'}]}}")))
        .containsExactly("x", 3L, "True", "a.example", "30s", null);
  }

  @Test
  void customResourceWithoutPrinterColumnsShowsNameAndAge() {
    TableConvertor cr = TableConvertors.customResource(List.of(), CLOCK);
    assertThat(names(cr)).containsExactly("Name", "Age");
    assertThat(cr.columns().get(1).type()).isEqualTo("date");
    assertThat(cr.cells(json("{" + META + "}"))).containsExactly("x", "60m");
  }

  @Test
  void defaultTableShowsNameAndCreatedAt() {
    TableConvertor d = TableConvertors.defaultTable();
    assertThat(names(d)).containsExactly("Name", "Created At");
    assertThat(d.cells(json("{" + META + "}"))).containsExactly("x", "2026-01-01T00:00:00Z");
  }
}
