package dev.keelson.apiserver.table;

import dev.keelson.api.GroupResource;
import dev.keelson.api.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The table convertors of built-in resources, custom resources and everything else. */
public final class TableConvertors {
  private static final Map<GroupResource, Function<InstantSource, TableConvertor>> BUILTIN =
      Map.ofEntries(
          Map.entry(GroupResource.of("", "pods"), PodTable::new),
          Map.entry(GroupResource.of("", "nodes"), CoreTables::nodes),
          Map.entry(GroupResource.of("", "namespaces"), CoreTables::namespaces),
          Map.entry(GroupResource.of("", "configmaps"), CoreTables::configMaps),
          Map.entry(GroupResource.of("", "secrets"), CoreTables::secrets),
          Map.entry(GroupResource.of("", "serviceaccounts"), CoreTables::serviceAccounts),
          Map.entry(GroupResource.of("", "events"), CoreTables::events),
          Map.entry(
              GroupResource.of("", "persistentvolumeclaims"), CoreTables::persistentVolumeClaims),
          Map.entry(GroupResource.of("", "services"), NetworkTables::services),
          Map.entry(GroupResource.of("", "endpoints"), NetworkTables::endpoints),
          Map.entry(
              GroupResource.of("discovery.k8s.io", "endpointslices"),
              NetworkTables::endpointSlices),
          Map.entry(GroupResource.of("coordination.k8s.io", "leases"), CoreTables::leases),
          Map.entry(GroupResource.of("apps", "deployments"), WorkloadTables::deployments),
          Map.entry(GroupResource.of("apps", "replicasets"), WorkloadTables::replicaSets),
          Map.entry(GroupResource.of("apps", "statefulsets"), WorkloadTables::statefulSets),
          Map.entry(GroupResource.of("apps", "daemonsets"), WorkloadTables::daemonSets),
          Map.entry(
              GroupResource.of("apps", "controllerrevisions"), WorkloadTables::controllerRevisions),
          Map.entry(GroupResource.of("batch", "jobs"), WorkloadTables::jobs),
          Map.entry(GroupResource.of("batch", "cronjobs"), WorkloadTables::cronJobs),
          Map.entry(GroupResource.of("", "resourcequotas"), PolicyTables::resourceQuotas),
          Map.entry(
              GroupResource.of("policy", "poddisruptionbudgets"),
              PolicyTables::podDisruptionBudgets),
          Map.entry(
              GroupResource.of("scheduling.k8s.io", "priorityclasses"),
              PolicyTables::priorityClasses),
          Map.entry(
              GroupResource.of("rbac.authorization.k8s.io", "rolebindings"),
              RbacTables::roleBindings),
          Map.entry(
              GroupResource.of("rbac.authorization.k8s.io", "clusterrolebindings"),
              RbacTables::clusterRoleBindings),
          Map.entry(GroupResource.of("networking.k8s.io", "ingresses"), IngressTables::ingresses),
          Map.entry(
              GroupResource.of("networking.k8s.io", "ingressclasses"),
              IngressTables::ingressClasses),
          Map.entry(
              GroupResource.of("networking.k8s.io", "networkpolicies"),
              IngressTables::networkPolicies));

  private TableConvertors() {}

  /** The printer of a built-in resource, if Keelson has one. */
  public static Optional<TableConvertor> builtin(GroupResource resource, InstantSource clock) {
    Function<InstantSource, TableConvertor> f = BUILTIN.get(resource);
    return f == null ? Optional.empty() : Optional.of(f.apply(clock));
  }

  /**
   * The table of a custom resource from its CRD version's {@code additionalPrinterColumns} (Name
   * and Age when there are none).
   */
  public static TableConvertor customResource(
      List<CustomResourceColumnDefinition> printerColumns, InstantSource clock) {
    return new CustomResourceTable(printerColumns, clock);
  }

  /** kube-apiserver's default: Name and Created At (for example for CustomResourceDefinitions). */
  public static TableConvertor defaultTable() {
    return DefaultTable.INSTANCE;
  }
}
