package dev.keelson.api.validation;

import dev.keelson.api.core.v1.TypedLocalObjectReference;
import dev.keelson.api.networking.v1.HTTPIngressPath;
import dev.keelson.api.networking.v1.IPBlock;
import dev.keelson.api.networking.v1.Ingress;
import dev.keelson.api.networking.v1.IngressBackend;
import dev.keelson.api.networking.v1.IngressClass;
import dev.keelson.api.networking.v1.IngressClassParametersReference;
import dev.keelson.api.networking.v1.IngressClassSpec;
import dev.keelson.api.networking.v1.IngressRule;
import dev.keelson.api.networking.v1.IngressServiceBackend;
import dev.keelson.api.networking.v1.IngressSpec;
import dev.keelson.api.networking.v1.IngressTLS;
import dev.keelson.api.networking.v1.NetworkPolicy;
import dev.keelson.api.networking.v1.NetworkPolicyEgressRule;
import dev.keelson.api.networking.v1.NetworkPolicyIngressRule;
import dev.keelson.api.networking.v1.NetworkPolicyPeer;
import dev.keelson.api.networking.v1.NetworkPolicyPort;
import dev.keelson.api.networking.v1.NetworkPolicySpec;
import dev.keelson.api.values.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validation of the {@code networking.k8s.io/v1} kinds without their metadata, after Kubernetes'
 * {@code pkg/apis/networking/validation}: an Ingress has rules or a default backend; rule hosts are
 * (wildcard) DNS names, not IPs; paths have a supported type and, for {@code Exact} and {@code
 * Prefix}, are clean absolute paths; a backend is exactly one of a service (with a port name or
 * number) and a resource. An IngressClass names a domain-prefixed controller (immutable) and
 * well-formed parameters. A NetworkPolicy's ports have a supported protocol and a valid port or
 * range, and each peer is a selector or an IP block.
 */
public final class NetworkingValidation {
  /** The supported path types, sorted. */
  public static final List<String> PATH_TYPES =
      List.of("Exact", "ImplementationSpecific", "Prefix");

  /** The protocols of network policy ports. */
  public static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

  private static final String WILDCARD_FMT = "\\*\\." + Names.DNS1123_SUBDOMAIN_FMT;
  private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);
  private static final String WILDCARD_MSG =
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which"
          + " must consist of lower case alphanumeric characters, '-' or '.' and end with an"
          + " alphanumeric character";
  private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
  private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FMT);
  private static final List<String> INVALID_PATH_SEQUENCES =
      List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");
  private static final int MAX_CONTROLLER_LENGTH = 250;

  private NetworkingValidation() {}

  // ------------------------------------------------------------------ Ingress

  /** An Ingress's spec ({@code ValidateIngressSpec}). */
  public static List<FieldError> ingress(Ingress ingress) {
    IngressSpec spec =
        ingress.spec() == null ? new IngressSpec(null, null, null, null) : ingress.spec();
    FieldPath path = FieldPath.root("spec");
    List<FieldError> errs = new ArrayList<>();
    if (spec.rules().isEmpty() && spec.defaultBackend() == null) {
      errs.add(
          FieldError.invalid(
              path.toString(),
              spec.rules(),
              "either `defaultBackend` or `rules` must be specified"));
    }
    if (spec.defaultBackend() != null) {
      errs.addAll(backend(spec.defaultBackend(), path.child("defaultBackend")));
    }
    for (int i = 0; i < spec.rules().size(); i++) {
      errs.addAll(rule(spec.rules().get(i), path.child("rules").index(i)));
    }
    for (int i = 0; i < spec.tls().size(); i++) {
      errs.addAll(tls(spec.tls().get(i), path.child("tls").index(i)));
    }
    if (spec.ingressClassName() != null) {
      errs.addAll(
          Names.invalid(
              path.child("ingressClassName"),
              spec.ingressClassName(),
              Names.isDns1123Subdomain(spec.ingressClassName())));
    }
    return errs;
  }

  private static List<FieldError> rule(IngressRule rule, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String host = rule.host() == null ? "" : rule.host();
    if (!host.isEmpty()) {
      FieldPath at = path.child("host");
      if (IpAddresses.isIp(host)) {
        errs.add(FieldError.invalid(at.toString(), host, "must be a DNS name, not an IP address"));
      }
      errs.addAll(Names.invalid(at, host, hostErrors(host)));
    }
    if (rule.http() != null) {
      FieldPath http = path.child("http");
      List<HTTPIngressPath> paths = rule.http().paths();
      if (paths.isEmpty()) {
        errs.add(FieldError.required(http.child("paths").toString(), ""));
      }
      for (int i = 0; i < paths.size(); i++) {
        errs.addAll(httpPath(paths.get(i), http.child("paths").index(i)));
      }
    }
    return errs;
  }

  private static List<String> hostErrors(String host) {
    if (!host.contains("*")) {
      return Names.isDns1123Subdomain(host);
    }
    List<String> errs = new ArrayList<>();
    if (Names.len(host) > 253) {
      errs.add(Names.maxLenError(253));
    }
    if (!WILDCARD.matcher(host).matches()) {
      errs.add(Names.regexError(WILDCARD_MSG, WILDCARD_FMT, "*.example.com"));
    }
    return errs;
  }

  private static List<FieldError> httpPath(HTTPIngressPath p, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (p.pathType() == null) {
      errs.add(
          FieldError.required(path.child("pathType").toString(), "pathType must be specified"));
      return errs;
    }
    String value = p.path() == null ? "" : p.path();
    FieldPath at = path.child("path");
    switch (p.pathType()) {
      case "Exact", "Prefix" -> {
        if (!value.startsWith("/")) {
          errs.add(FieldError.invalid(at.toString(), value, "must be an absolute path"));
        }
        if (!value.isEmpty()) {
          for (String seq : INVALID_PATH_SEQUENCES) {
            if (value.contains(seq)) {
              errs.add(FieldError.invalid(at.toString(), value, "must not contain '" + seq + "'"));
            }
          }
          for (String suffix : INVALID_PATH_SUFFIXES) {
            if (value.endsWith(suffix)) {
              errs.add(
                  FieldError.invalid(at.toString(), value, "cannot end with '" + suffix + "'"));
            }
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          errs.add(FieldError.invalid(at.toString(), value, "must be an absolute path"));
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(path.child("pathType").toString(), p.pathType(), PATH_TYPES));
    }
    errs.addAll(
        backend(
            p.backend() == null ? new IngressBackend(null, null) : p.backend(),
            path.child("backend")));
    return errs;
  }

  /** {@code validateIngressBackend}: exactly one of a service (with a port) and a resource. */
  static List<FieldError> backend(IngressBackend b, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    IngressServiceBackend svc = b.service();
    if (svc != null && b.resource() != null) {
      errs.add(
          FieldError.invalid(path.toString(), "", "cannot set both resource and service backends"));
      return errs;
    }
    if (b.resource() != null) {
      errs.addAll(resourceReference(b.resource(), path.child("resource")));
      return errs;
    }
    if (svc == null) {
      errs.add(FieldError.invalid(path.toString(), "", "resource or service backend is required"));
      return errs;
    }
    String name = svc.name() == null ? "" : svc.name();
    if (name.isEmpty()) {
      errs.add(FieldError.required(path.child("service", "name").toString(), ""));
    } else {
      errs.addAll(
          Names.invalid(
              path.child("service", "name"),
              name,
              NameValidator.DNS1035_LABEL.validate(name, false)));
    }
    String portName = svc.port() == null || svc.port().name() == null ? "" : svc.port().name();
    int portNumber = svc.port() == null || svc.port().number() == null ? 0 : svc.port().number();
    if (!portName.isEmpty() && portNumber != 0) {
      errs.add(FieldError.invalid(path.toString(), "", "cannot set both port name & port number"));
    } else if (!portName.isEmpty()) {
      errs.addAll(Names.validatePortName(portName, path.child("service", "port", "name")));
    } else if (portNumber != 0) {
      errs.addAll(Names.validatePortNum(portNumber, path.child("service", "port", "number")));
    } else {
      errs.add(FieldError.required(path.toString(), "port name or number is required"));
    }
    return errs;
  }

  private static List<FieldError> resourceReference(TypedLocalObjectReference r, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (r.apiGroup() != null) {
      errs.addAll(
          Names.invalid(
              path.child("apiGroup"), r.apiGroup(), Names.isDns1123Subdomain(r.apiGroup())));
    }
    if (r.kind() == null || r.kind().isEmpty()) {
      errs.add(FieldError.required(path.child("kind").toString(), "kind is required"));
    } else {
      errs.addAll(
          Names.invalid(
              path.child("kind"), r.kind(), NameValidator.PATH_SEGMENT.validate(r.kind(), false)));
    }
    if (r.name() == null || r.name().isEmpty()) {
      errs.add(FieldError.required(path.child("name").toString(), "name is required"));
    } else {
      errs.addAll(
          Names.invalid(
              path.child("name"), r.name(), NameValidator.PATH_SEGMENT.validate(r.name(), false)));
    }
    return errs;
  }

  private static List<FieldError> tls(IngressTLS tls, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int j = 0; j < tls.hosts().size(); j++) {
      String host = tls.hosts().get(j);
      errs.addAll(Names.invalid(path.child("hosts").index(j), host, hostErrors(host)));
    }
    String secret = tls.secretName();
    if (secret != null && !secret.isEmpty()) {
      errs.addAll(
          Names.invalid(path.child("secretName"), secret, Names.isDns1123Subdomain(secret)));
    }
    return errs;
  }

  // ------------------------------------------------------------------ IngressClass

  /** An IngressClass's spec ({@code ValidateIngressClassSpec}). */
  public static List<FieldError> ingressClass(IngressClass ic) {
    IngressClassSpec spec = ic.spec() == null ? new IngressClassSpec(null, null) : ic.spec();
    FieldPath path = FieldPath.root("spec");
    List<FieldError> errs = new ArrayList<>();
    String controller = spec.controller() == null ? "" : spec.controller();
    if (controller.length() > MAX_CONTROLLER_LENGTH) {
      errs.add(
          FieldError.tooLong(
              path.child("controller").toString(), controller, MAX_CONTROLLER_LENGTH));
    }
    errs.addAll(domainPrefixedPath(controller, path.child("controller")));
    if (spec.parameters() != null) {
      errs.addAll(parameters(spec.parameters(), path.child("parameters")));
    }
    return errs;
  }

  /** {@code ValidateIngressClassUpdate}: the controller is immutable. */
  public static List<FieldError> ingressClassUpdate(IngressClass ic, IngressClass old) {
    List<FieldError> errs = new ArrayList<>(ingressClass(ic));
    String now = ic.spec() == null ? null : ic.spec().controller();
    String before = old.spec() == null ? null : old.spec().controller();
    if (!Objects.equals(now, before)) {
      errs.add(FieldError.invalid("spec.controller", now, ObjectMetaValidation.FIELD_IMMUTABLE));
    }
    return errs;
  }

  private static List<FieldError> domainPrefixedPath(String value, FieldPath path) {
    if (value.isEmpty()) {
      return List.of(FieldError.required(path.toString(), ""));
    }
    String[] parts = value.split("/", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return List.of(
          FieldError.invalid(
              path.toString(), value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    }
    List<FieldError> errs =
        new ArrayList<>(Names.invalid(path, parts[0], Names.isDns1123Subdomain(parts[0])));
    if (!HTTP_PATH.matcher(parts[1]).matches()) {
      errs.add(
          FieldError.invalid(
              path.toString(), parts[1], Names.regexError("must be a valid path", HTTP_PATH_FMT)));
    }
    return errs;
  }

  private static List<FieldError> parameters(IngressClassParametersReference p, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (p.apiGroup() != null) {
      errs.addAll(
          Names.invalid(
              path.child("apiGroup"), p.apiGroup(), Names.isDns1123Subdomain(p.apiGroup())));
    }
    if (p.kind() == null || p.kind().isEmpty()) {
      errs.add(FieldError.required(path.child("kind").toString(), "kind is required"));
    }
    if (p.name() == null || p.name().isEmpty()) {
      errs.add(FieldError.required(path.child("name").toString(), "name is required"));
    }
    String scope = p.scope();
    if (scope == null) {
      errs.add(FieldError.required(path.child("scope").toString(), ""));
      return errs;
    }
    switch (scope) {
      case "Namespace" -> {
        if (p.namespace() == null || p.namespace().isEmpty()) {
          errs.add(
              FieldError.required(
                  path.child("namespace").toString(), "`parameters.scope` is set to 'Namespace'"));
        } else {
          errs.addAll(
              Names.invalid(
                  path.child("namespace"), p.namespace(), Names.isDns1123Label(p.namespace())));
        }
      }
      case "Cluster" -> {
        if (p.namespace() != null) {
          errs.add(
              FieldError.forbidden(
                  path.child("namespace").toString(), "`parameters.scope` is set to 'Cluster'"));
        }
      }
      default ->
          errs.add(
              FieldError.notSupported(
                  path.child("scope").toString(), scope, List.of("Cluster", "Namespace")));
    }
    return errs;
  }

  // ------------------------------------------------------------------ NetworkPolicy

  /** A NetworkPolicy's spec ({@code ValidateNetworkPolicySpec}). */
  public static List<FieldError> networkPolicy(NetworkPolicy np) {
    NetworkPolicySpec spec =
        np.spec() == null ? new NetworkPolicySpec(null, null, null, null) : np.spec();
    FieldPath path = FieldPath.root("spec");
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(LabelSelectorValidation.validate(spec.podSelector(), path.child("podSelector")));
    for (int i = 0; i < spec.ingress().size(); i++) {
      NetworkPolicyIngressRule rule = spec.ingress().get(i);
      FieldPath at = path.child("ingress").index(i);
      ports(rule.ports(), at, errs);
      peers(rule.from(), at.child("from"), errs);
    }
    for (int i = 0; i < spec.egress().size(); i++) {
      NetworkPolicyEgressRule rule = spec.egress().get(i);
      FieldPath at = path.child("egress").index(i);
      ports(rule.ports(), at, errs);
      peers(rule.to(), at.child("to"), errs);
    }
    FieldPath types = path.child("policyTypes");
    if (spec.policyTypes().size() > 2) {
      errs.add(
          FieldError.invalid(
              types.toString(), spec.policyTypes(), "may not specify more than two policyTypes"));
      return errs;
    }
    for (int i = 0; i < spec.policyTypes().size(); i++) {
      String t = spec.policyTypes().get(i);
      if (!"Ingress".equals(t) && !"Egress".equals(t)) {
        errs.add(
            FieldError.notSupported(types.index(i).toString(), t, List.of("Ingress", "Egress")));
      }
    }
    return errs;
  }

  private static void ports(List<NetworkPolicyPort> ports, FieldPath rule, List<FieldError> errs) {
    for (int i = 0; i < ports.size(); i++) {
      errs.addAll(port(ports.get(i), rule.child("ports").index(i)));
    }
  }

  private static void peers(List<NetworkPolicyPeer> peers, FieldPath path, List<FieldError> errs) {
    for (int i = 0; i < peers.size(); i++) {
      errs.addAll(peer(peers.get(i), path.index(i)));
    }
  }

  /** {@code ValidateNetworkPolicyPort}. */
  static List<FieldError> port(NetworkPolicyPort p, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (p.protocol() != null && !PROTOCOLS.contains(p.protocol())) {
      errs.add(FieldError.notSupported(path.child("protocol").toString(), p.protocol(), PROTOCOLS));
    }
    IntOrString port = p.port();
    Integer end = p.endPort();
    if (port == null) {
      if (end != null) {
        errs.add(
            FieldError.invalid(
                path.child("endPort").toString(),
                end,
                "may not be specified when `port` is not specified"));
      }
      return errs;
    }
    if (port.isInt()) {
      errs.addAll(Names.validatePortNum(port.intValue(), path.child("port")));
      if (end != null) {
        if (end < port.intValue()) {
          errs.add(
              FieldError.invalid(
                  path.child("endPort").toString(),
                  port.intValue(),
                  "must be greater than or equal to `port`"));
        }
        errs.addAll(Names.validatePortNum(end, path.child("endPort")));
      }
    } else {
      if (end != null) {
        errs.add(
            FieldError.invalid(
                path.child("endPort").toString(),
                end,
                "may not be specified when `port` is non-numeric"));
      }
      errs.addAll(Names.validatePortName(port.stringValue(), path.child("port")));
    }
    return errs;
  }

  /** {@code ValidateNetworkPolicyPeer}: at least one peer; an IP block stands alone. */
  static List<FieldError> peer(NetworkPolicyPeer peer, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    int n = 0;
    if (peer.podSelector() != null) {
      n++;
      errs.addAll(LabelSelectorValidation.validate(peer.podSelector(), path.child("podSelector")));
    }
    if (peer.namespaceSelector() != null) {
      n++;
      errs.addAll(
          LabelSelectorValidation.validate(
              peer.namespaceSelector(), path.child("namespaceSelector")));
    }
    if (peer.ipBlock() != null) {
      n++;
      errs.addAll(ipBlock(peer.ipBlock(), path.child("ipBlock")));
    }
    if (n == 0) {
      errs.add(FieldError.required(path.toString(), "must specify a peer"));
    } else if (n > 1 && peer.ipBlock() != null) {
      errs.add(
          FieldError.forbidden(path.toString(), "may not specify both ipBlock and another peer"));
    }
    return errs;
  }

  /** {@code ValidateIPBlock}: a CIDR and exceptions strictly inside it. */
  static List<FieldError> ipBlock(IPBlock block, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String cidr = block.cidr() == null ? "" : block.cidr();
    if (cidr.isEmpty()) {
      errs.add(FieldError.required(path.child("cidr").toString(), ""));
      return errs;
    }
    IpAddresses.Cidr net = IpAddresses.parseCidr(cidr);
    if (net == null) {
      errs.add(FieldError.invalid(path.child("cidr").toString(), cidr, cidrError()));
      return errs;
    }
    for (int i = 0; i < block.except().size(); i++) {
      String except = block.except().get(i);
      FieldPath at = path.child("except").index(i);
      IpAddresses.Cidr e = IpAddresses.parseCidr(except);
      if (e == null) {
        errs.add(FieldError.invalid(at.toString(), except, cidrError()));
        continue;
      }
      if (!net.contains(e.address()) || net.prefix() >= e.prefix()) {
        errs.add(FieldError.invalid(at.toString(), except, "must be a strict subset of `cidr`"));
      }
    }
    return errs;
  }

  private static String cidrError() {
    return "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
  }
}
