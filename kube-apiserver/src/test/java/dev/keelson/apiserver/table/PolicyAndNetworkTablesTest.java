package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.PodTableTest.CLOCK;
import static dev.keelson.apiserver.table.PodTableTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GroupResource;
import dev.keelson.api.meta.TableColumnDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Columns and cells of the RBAC bindings, disruption budgets, priority classes, quotas, ingresses,
 * ingress classes and network policies, as kube-apiserver's printers make them.
 */
class PolicyAndNetworkTablesTest {
  private static final String META =
      "'metadata':{'name':'x','creationTimestamp':'2026-01-01T00:00:00Z'}";

  private static TableConvertor of(String group, String resource) {
    return TableConvertors.builtin(GroupResource.of(group, resource), CLOCK).orElseThrow();
  }

  private static List<String> names(TableConvertor c) {
    return c.columns().stream().map(TableColumnDefinition::name).toList();
  }

  @Test
  void rolesAndClusterRolesHaveNoPrinterAndGetTheDefaultTable() {
    assertThat(
            TableConvertors.builtin(GroupResource.of("rbac.authorization.k8s.io", "roles"), CLOCK))
        .isEmpty();
    assertThat(TableConvertors.builtin(GroupResource.of("", "limitranges"), CLOCK)).isEmpty();
  }

  @Test
  void bindingsShowTheRoleAndWideSubjects() {
    TableConvertor rb = of("rbac.authorization.k8s.io", "rolebindings");
    assertThat(names(rb))
        .containsExactly("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts");
    assertThat(rb.columns())
        .extracting(TableColumnDefinition::priority)
        .containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(
            rb.cells(
                json(
                    "{"
                        + META
                        + ",'roleRef':{'kind':'Role','name':'reader'},'subjects':["
                        + "{'kind':'User','name':'jane'},{'kind':'User','name':'joe'},"
                        + "{'kind':'Group','name':'ops'},"
                        + "{'kind':'ServiceAccount','namespace':'ns','name':'robot'}]}")))
        .containsExactly("x", "Role/reader", "60m", "jane, joe", "ops", "ns/robot");
    assertThat(names(of("rbac.authorization.k8s.io", "clusterrolebindings")))
        .containsExactly("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts");
  }

  @Test
  void disruptionBudgetsShowTheirBoundsOrNa() {
    TableConvertor pdb = of("policy", "poddisruptionbudgets");
    assertThat(names(pdb))
        .containsExactly("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age");
    assertThat(
            pdb.cells(
                json("{" + META + ",'spec':{'minAvailable':1},'status':{'disruptionsAllowed':2}}")))
        .containsExactly("x", "1", "N/A", 2L, "60m");
    assertThat(pdb.cells(json("{" + META + ",'spec':{'maxUnavailable':'50%'}}")))
        .containsExactly("x", "N/A", "50%", 0L, "60m");
  }

  @Test
  void priorityClassesShowValueDefaultAndPolicy() {
    TableConvertor pc = of("scheduling.k8s.io", "priorityclasses");
    assertThat(names(pc))
        .containsExactly("Name", "Value", "Global-Default", "Age", "PreemptionPolicy");
    assertThat(pc.columns())
        .extracting(TableColumnDefinition::type)
        .containsExactly("string", "integer", "boolean", "string", "string");
    assertThat(
            pc.cells(
                json(
                    "{"
                        + META
                        + ",'value':1000,'globalDefault':true,"
                        + "'preemptionPolicy':'PreemptLowerPriority'}")))
        .containsExactly("x", 1000L, true, "60m", "PreemptLowerPriority");
  }

  @Test
  void quotasSplitRequestsFromLimitsWithUsedOverHard() {
    TableConvertor q = of("", "resourcequotas");
    assertThat(names(q)).containsExactly("Name", "Request", "Limit", "Age");
    assertThat(
            q.cells(
                json(
                    "{"
                        + META
                        + ",'status':{'hard':{'pods':'10','limits.cpu':'2','requests.cpu':'1'},"
                        + "'used':{'pods':'3','requests.cpu':'500m'}}}")))
        .containsExactly("x", "pods: 3/10, requests.cpu: 500m/1", "limits.cpu: 0/2", "60m");
  }

  @Test
  void ingressesShowClassHostsAddressAndPorts() {
    TableConvertor ing = of("networking.k8s.io", "ingresses");
    assertThat(names(ing)).containsExactly("Name", "Class", "Hosts", "Address", "Ports", "Age");
    assertThat(
            ing.cells(
                json(
                    "{"
                        + META
                        + ",'spec':{'ingressClassName':'nginx','tls':[{'hosts':['a.com']}],"
                        + "'rules':[{'host':'a.com'},{'host':'b.com'},{},{'host':'c.com'},"
                        + "{'host':'d.com'}]},'status':{'loadBalancer':{'ingress':["
                        + "{'ip':'10.0.0.2'},{'hostname':'lb.example.com'},{'ip':'10.0.0.1'}]}}}")))
        .containsExactly(
            "x",
            "nginx",
            "a.com,b.com,c.com + 2 more...",
            "10.0.0.1,10.0.0.2,lb.example.com",
            "80, 443",
            "60m");
    assertThat(ing.cells(json("{" + META + ",'spec':{'defaultBackend':{}}}")))
        .containsExactly("x", "<none>", "*", "", "80", "60m");
  }

  @Test
  void ingressClassesAndNetworkPolicies() {
    TableConvertor ic = of("networking.k8s.io", "ingressclasses");
    assertThat(names(ic)).containsExactly("Name", "Controller", "Parameters", "Age");
    assertThat(
            ic.cells(
                json(
                    "{"
                        + META
                        + ",'spec':{'controller':'k8s.io/ingress-nginx','parameters':"
                        + "{'apiGroup':'k8s.example.com','kind':'Params','name':'p'}}}")))
        .containsExactly("x", "k8s.io/ingress-nginx", "Params.k8s.example.com/p", "60m");
    assertThat(ic.cells(json("{" + META + ",'spec':{'controller':'a.io/b'}}")))
        .containsExactly("x", "a.io/b", "<none>", "60m");
    TableConvertor np = of("networking.k8s.io", "networkpolicies");
    assertThat(names(np)).containsExactly("Name", "Pod-Selector", "Age");
    assertThat(
            np.cells(json("{" + META + ",'spec':{'podSelector':{'matchLabels':{'role':'db'}}}}")))
        .containsExactly("x", "role=db", "60m");
    assertThat(np.cells(json("{" + META + ",'spec':{'podSelector':{}}}")))
        .containsExactly("x", "<none>", "60m");
  }
}
