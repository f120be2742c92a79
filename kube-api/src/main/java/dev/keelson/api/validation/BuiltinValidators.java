package dev.keelson.api.validation;

import dev.keelson.api.KubernetesObject;
import dev.keelson.api.apps.v1.DaemonSet;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.ReplicaSet;
import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.LimitRange;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.networking.v1.Ingress;
import dev.keelson.api.networking.v1.IngressClass;
import dev.keelson.api.networking.v1.NetworkPolicy;
import dev.keelson.api.policy.v1.PodDisruptionBudget;
import dev.keelson.api.rbac.v1.ClusterRole;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.Role;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.scheduling.v1.PriorityClass;
import java.util.List;

/**
 * The validator an API server uses for a resource: the kind-specific one for the built-in kinds
 * that have one (Pod, Service, Namespace, ConfigMap, Secret; the specs of Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job and CronJob, see {@link AppsValidation} and {@link BatchValidation};
 * ResourceQuota and LimitRange, {@link QuotaValidation}; the RBAC kinds, {@link RbacValidation};
 * PodDisruptionBudget and PriorityClass, {@link PolicyValidation}; Ingress, IngressClass and
 * NetworkPolicy, {@link NetworkingValidation}), and metadata validation by the resource's scope and
 * name rule ({@link NameValidator#forResource}) for every other resource. Custom resources get
 * apimachinery's generic metadata rules (unqualified finalizers allowed).
 *
 * <p>Kind-specific validation applies to typed objects; an object held as a {@link
 * dev.keelson.api.GenericObject} gets its metadata validated only. Add custom rules with {@link
 * Validator#and}.
 */
public final class BuiltinValidators {
  private BuiltinValidators() {}

  private static final PodValidation PODS = new PodValidation();
  private static final ServiceValidation SERVICES = new ServiceValidation();
  private static final NamespaceValidation NAMESPACES = new NamespaceValidation();
  private static final Validator<ConfigMap> CONFIG_MAPS = ConfigDataValidation.configMaps();
  private static final Validator<Secret> SECRETS = ConfigDataValidation.secrets();

  /** The validator for objects of {@code type}. */
  public static Validator<KubernetesObject> forResource(ResourceType type) {
    ObjectMetaValidation meta =
        ObjectMetaValidation.of(type.namespaced(), NameValidator.forResource(type.groupResource()));
    if (type.javaTypeName() == null) {
      meta = meta.allowingUnqualifiedFinalizers();
    }
    ObjectMetaValidation metaOnly = meta;
    return new Validator<>() {
      @Override
      public List<FieldError> validate(KubernetesObject object) {
        return switch (object) {
          case Pod p -> PODS.validate(p);
          case Service s -> SERVICES.validate(s);
          case Namespace n -> NAMESPACES.validate(n);
          case ConfigMap c -> CONFIG_MAPS.validate(c);
          case Secret s -> SECRETS.validate(s);
          case Deployment d ->
              concat(metaOnly.validate(d), AppsValidation.deploymentSpec(d.spec()));
          case ReplicaSet r ->
              concat(metaOnly.validate(r), AppsValidation.replicaSetSpec(r.spec()));
          case StatefulSet s ->
              concat(metaOnly.validate(s), AppsValidation.statefulSetSpec(s.spec()));
          case DaemonSet d -> concat(metaOnly.validate(d), AppsValidation.daemonSetSpec(d.spec()));
          case Job j -> concat(metaOnly.validate(j), BatchValidation.jobSpec(j.spec()));
          case CronJob c -> concat(metaOnly.validate(c), BatchValidation.cronJob(c, false));
          default -> concat(metaOnly.validate(object), kind(object));
        };
      }

      @Override
      public List<FieldError> validateUpdate(KubernetesObject n, KubernetesObject o) {
        if (n instanceof Pod p && o instanceof Pod old) {
          return PODS.validateUpdate(p, old);
        }
        if (n instanceof Service s && o instanceof Service old) {
          return SERVICES.validateUpdate(s, old);
        }
        if (n instanceof Namespace ns && o instanceof Namespace old) {
          return NAMESPACES.validateUpdate(ns, old);
        }
        if (n instanceof ConfigMap c && o instanceof ConfigMap old) {
          return CONFIG_MAPS.validateUpdate(c, old);
        }
        if (n instanceof Secret s && o instanceof Secret old) {
          return SECRETS.validateUpdate(s, old);
        }
        List<FieldError> meta = metaOnly.validateUpdate(n, o);
        return switch (n) {
          case Deployment d -> concat(meta, AppsValidation.deploymentSpec(d.spec()));
          case ReplicaSet r -> concat(meta, AppsValidation.replicaSetSpec(r.spec()));
          case StatefulSet s -> concat(meta, AppsValidation.statefulSetSpec(s.spec()));
          case DaemonSet d -> concat(meta, AppsValidation.daemonSetSpec(d.spec()));
          case Job j -> concat(meta, BatchValidation.jobSpec(j.spec()));
          case CronJob c -> concat(meta, BatchValidation.cronJob(c, true));
          case RoleBinding b when o instanceof RoleBinding old ->
              concat(
                  concat(meta, RbacValidation.roleBinding(b)),
                  RbacValidation.roleRefUnchanged(b.roleRef(), old.roleRef()));
          case ClusterRoleBinding b when o instanceof ClusterRoleBinding old ->
              concat(
                  concat(meta, RbacValidation.clusterRoleBinding(b)),
                  RbacValidation.roleRefUnchanged(b.roleRef(), old.roleRef()));
          case PriorityClass pc when o instanceof PriorityClass old ->
              concat(meta, PolicyValidation.priorityClassUpdate(pc, old));
          case IngressClass ic when o instanceof IngressClass old ->
              concat(meta, NetworkingValidation.ingressClassUpdate(ic, old));
          default -> concat(meta, kind(n));
        };
      }
    };
  }

  /** The kind-specific rules of the kinds validated the same way on create and update. */
  private static List<FieldError> kind(KubernetesObject object) {
    return switch (object) {
      case ResourceQuota q -> QuotaValidation.resourceQuota(q);
      case LimitRange l -> QuotaValidation.limitRange(l);
      case Role r -> RbacValidation.role(r);
      case ClusterRole r -> RbacValidation.clusterRole(r);
      case RoleBinding b -> RbacValidation.roleBinding(b);
      case ClusterRoleBinding b -> RbacValidation.clusterRoleBinding(b);
      case PodDisruptionBudget pdb -> PolicyValidation.podDisruptionBudget(pdb);
      case PriorityClass pc -> PolicyValidation.priorityClass(pc);
      case Ingress i -> NetworkingValidation.ingress(i);
      case IngressClass ic -> NetworkingValidation.ingressClass(ic);
      case NetworkPolicy np -> NetworkingValidation.networkPolicy(np);
      default -> List.of();
    };
  }

  private static List<FieldError> concat(List<FieldError> a, List<FieldError> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<FieldError> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
