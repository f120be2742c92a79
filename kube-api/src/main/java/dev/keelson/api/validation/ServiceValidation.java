package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of {@code core/v1} Services, after Kubernetes' {@code ValidateService} and {@code
 * ValidateServiceUpdate}. As for pods, absent (null) enumerated fields are accepted as their
 * defaults ({@code type: ClusterIP}, {@code protocol: TCP}, {@code targetPort = port}).
 *
 * <p>Covered: name (DNS-1035 label), ports (required unless headless or ExternalName, names
 * required when more than one and unique DNS labels, port and nodePort ranges, protocol, targetPort
 * number or name, unique port+protocol, no nodePort on ClusterIP services), type, {@code clusterIP:
 * None} only for ClusterIP services, ExternalName requirements, selector labels, session affinity
 * and traffic policies, immutable primary cluster IP on update. Not covered: IP address syntax and
 * families, load balancer source ranges, health check node port, app protocols.
 */
public final class ServiceValidation implements Validator<Service> {
  /** The supported service types (sorted, as Kubernetes lists them). */
  public static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

  private static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
  private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  private static final ObjectMetaValidation META =
      ObjectMetaValidation.of(true, NameValidator.DNS1035_LABEL);

  @Override
  public List<FieldError> validate(Service service) {
    List<FieldError> errs = new ArrayList<>(META.validate(service.metadata()));
    errs.addAll(validateSpec(service.spec(), FieldPath.root("spec")));
    return List.copyOf(errs);
  }

  @Override
  public List<FieldError> validateUpdate(Service newService, Service oldService) {
    List<FieldError> errs =
        new ArrayList<>(META.validateUpdate(newService.metadata(), oldService.metadata()));
    errs.addAll(validateSpec(newService.spec(), FieldPath.root("spec")));
    ServiceSpec n = newService.spec();
    ServiceSpec o = oldService.spec();
    if (n != null
        && o != null
        && !"ExternalName".equals(type(n))
        && !"ExternalName".equals(type(o))
        && o.clusterIP() != null
        && !o.clusterIP().isEmpty()) {
      // Kubernetes compares the primary cluster IP (clusterIPs[0], which defaulting copies from
      // clusterIP) and reports the whole list.
      String now = ObjectMetaValidation.nullToEmpty(n.clusterIP());
      if (now.isEmpty() && !n.clusterIPs().isEmpty()) {
        now = n.clusterIPs().get(0);
      }
      if (!now.equals(o.clusterIP())) {
        List<String> shown =
            n.clusterIPs().isEmpty() && !now.isEmpty() ? List.of(now) : n.clusterIPs();
        errs.add(
            FieldError.invalid(
                FieldPath.root("spec").child("clusterIPs").index(0).toString(),
                shown,
                "may not change once set"));
      }
    }
    return List.copyOf(errs);
  }

  /** A service spec at {@code path}. */
  public static List<FieldError> validateSpec(ServiceSpec spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required(path.toString(), ""));
      return errs;
    }
    String type = type(spec);
    boolean headless = "None".equals(spec.clusterIP());
    if (!TYPES.contains(type)) {
      errs.add(
          type.isEmpty()
              ? FieldError.required(path.child("type").toString(), "")
              : FieldError.notSupported(path.child("type").toString(), type, TYPES));
    }
    if (spec.ports().isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(FieldError.required(path.child("ports").toString(), ""));
    }
    FieldPath portsPath = path.child("ports");
    boolean requireName = spec.ports().size() > 1;
    Set<String> names = new HashSet<>();
    Set<Map<String, Object>> keys = new HashSet<>();
    for (int i = 0; i < spec.ports().size(); i++) {
      ServicePort p = spec.ports().get(i);
      FieldPath at = portsPath.index(i);
      String name = ObjectMetaValidation.nullToEmpty(p.name());
      if (requireName && name.isEmpty()) {
        errs.add(FieldError.required(at.child("name").toString(), ""));
      } else if (!name.isEmpty()) {
        errs.addAll(Names.validateDns1123Label(name, at.child("name")));
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(at.child("name").toString(), name));
        }
      }
      int port = p.port() == null ? 0 : p.port();
      errs.addAll(Names.validatePortNum(port, at.child("port")));
      errs.addAll(PodValidation.protocol(p.protocol(), at.child("protocol")));
      if (p.targetPort() != null) {
        errs.addAll(PodValidation.portNumOrName(p.targetPort(), at.child("targetPort")));
      }
      if (p.nodePort() != null && p.nodePort() != 0) {
        if (type.equals("ClusterIP")) {
          errs.add(
              FieldError.forbidden(
                  at.child("nodePort").toString(), "may not be used when `type` is 'ClusterIP'"));
        } else {
          errs.addAll(Names.validatePortNum(p.nodePort(), at.child("nodePort")));
        }
      }
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("port", port);
      key.put("protocol", p.protocol() == null ? "TCP" : p.protocol());
      if (!keys.add(key)) {
        errs.add(FieldError.duplicate(at.toString(), key));
      }
    }
    // Kubernetes reports this at clusterIPs[0] (defaulting copies clusterIP there); so do we.
    FieldPath ipPath = path.child("clusterIPs").index(0);
    switch (type) {
      case "NodePort", "LoadBalancer" -> {
        if (headless) {
          errs.add(
              FieldError.invalid(
                  ipPath.toString(), "None", "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> {
        if (spec.clusterIP() != null && !spec.clusterIP().isEmpty()) {
          errs.add(
              FieldError.forbidden(
                  path.child("clusterIP").toString(), "may not be set for ExternalName services"));
        }
        String external = ObjectMetaValidation.nullToEmpty(spec.externalName());
        if (external.isEmpty()) {
          errs.add(FieldError.required(path.child("externalName").toString(), ""));
        } else {
          String host =
              external.endsWith(".") ? external.substring(0, external.length() - 1) : external;
          errs.addAll(Names.validateDns1123Subdomain(host, path.child("externalName")));
        }
      }
      default -> {}
    }
    errs.addAll(ObjectMetaValidation.validateLabels(spec.selector(), path.child("selector")));
    errs.addAll(
        optionalEnum(spec.sessionAffinity(), path.child("sessionAffinity"), SESSION_AFFINITIES));
    errs.addAll(
        optionalEnum(
            spec.externalTrafficPolicy(), path.child("externalTrafficPolicy"), TRAFFIC_POLICIES));
    errs.addAll(
        optionalEnum(
            spec.internalTrafficPolicy(), path.child("internalTrafficPolicy"), TRAFFIC_POLICIES));
    return errs;
  }

  private static String type(ServiceSpec spec) {
    return spec.type() == null ? "ClusterIP" : spec.type();
  }

  private static List<FieldError> optionalEnum(String v, FieldPath path, List<String> supported) {
    if (v == null || supported.contains(v)) {
      return List.of();
    }
    return List.of(FieldError.notSupported(path.toString(), v, supported));
  }
}
