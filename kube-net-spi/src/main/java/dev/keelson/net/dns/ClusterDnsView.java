package dev.keelson.net.dns;

import dev.keelson.api.core.v1.EndpointAddress;
import dev.keelson.api.core.v1.EndpointSubset;
import dev.keelson.api.core.v1.Endpoints;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodIP;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServiceSpec;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.net.dns.ClusterDnsName.Apex;
import dev.keelson.net.dns.ClusterDnsName.DnsVersion;
import dev.keelson.net.dns.ClusterDnsName.EmptyNonTerminal;
import dev.keelson.net.dns.ClusterDnsName.EndpointName;
import dev.keelson.net.dns.ClusterDnsName.External;
import dev.keelson.net.dns.ClusterDnsName.Namespace;
import dev.keelson.net.dns.ClusterDnsName.PodName;
import dev.keelson.net.dns.ClusterDnsName.PodNamespace;
import dev.keelson.net.dns.ClusterDnsName.Reverse;
import dev.keelson.net.dns.ClusterDnsName.ServiceName;
import dev.keelson.net.dns.ClusterDnsName.SrvName;
import dev.keelson.net.dns.ClusterDnsName.SrvProto;
import dev.keelson.net.dns.ClusterDnsName.Unknown;
import dev.keelson.net.dns.DnsAnswer.Outcome;
import dev.keelson.net.dns.DnsWire.Rr;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory records cluster DNS answers from: Services, EndpointSlices (or core/v1 Endpoints)
 * and Pods, fed through {@link DnsRecordsSource}. Mutations are cheap; the lookup indexes are
 * rebuilt lazily on the first query after a change, so a burst of informer events costs one
 * rebuild.
 */
public final class ClusterDnsView implements DnsRecordsSource {

  /** The label an EndpointSlice names its Service by. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** The specification version {@code dns-version.<zone>} answers (TXT). */
  public static final String SPEC_VERSION = "1.1.0";

  private final String zone;
  private final PodRecords podRecords;
  private final Map<String, Service> services = new ConcurrentHashMap<>();
  private final Map<String, EndpointSlice> slices = new ConcurrentHashMap<>();
  private final Map<String, Endpoints> endpoints = new ConcurrentHashMap<>();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Object rebuildLock = new Object();
  private volatile boolean synced;
  private volatile Snapshot snapshot;
  private volatile long serial = System.currentTimeMillis() / 1000;

  /**
   * A view for {@code zone} (e.g. {@code cluster.local}).
   *
   * @param podRecords how pod names are answered
   */
  public ClusterDnsView(String zone, PodRecords podRecords) {
    if (zone == null || zone.isBlank() || zone.equals(".")) {
      throw new IllegalArgumentException("zone is required");
    }
    this.zone = ClusterDnsName.canonical(zone);
    this.podRecords = podRecords == null ? PodRecords.INSECURE : podRecords;
  }

  /** A view for {@code cluster.local} with insecure pod records, as kubeadm configures CoreDNS. */
  public static ClusterDnsView clusterLocal() {
    return new ClusterDnsView("cluster.local", PodRecords.INSECURE);
  }

  /** The zone, absolute and lower case ({@code cluster.local.}). */
  public String zone() {
    return zone;
  }

  /** The SOA serial: the time (Unix seconds) of the last change. */
  public long serial() {
    return serial;
  }

  /** Whether {@link #markSynced()} was called. */
  public boolean synced() {
    return synced;
  }

  @Override
  public void upsertService(Service service) {
    services.put(key(service.metadata()), service);
    changed();
  }

  @Override
  public void deleteService(String namespace, String name) {
    if (services.remove(namespace + "/" + name) != null) {
      changed();
    }
  }

  @Override
  public void upsertEndpointSlice(EndpointSlice slice) {
    slices.put(key(slice.metadata()), slice);
    changed();
  }

  @Override
  public void deleteEndpointSlice(String namespace, String name) {
    if (slices.remove(namespace + "/" + name) != null) {
      changed();
    }
  }

  @Override
  public void upsertEndpoints(Endpoints e) {
    endpoints.put(key(e.metadata()), e);
    changed();
  }

  @Override
  public void deleteEndpoints(String namespace, String name) {
    if (endpoints.remove(namespace + "/" + name) != null) {
      changed();
    }
  }

  @Override
  public void upsertPod(Pod pod) {
    String key = key(pod.metadata());
    if (podRecords == PodRecords.VERIFIED) { // only verified pod records need the pods
      pods.put(key, pod);
      changed();
    }
  }

  @Override
  public void deletePod(String namespace, String name) {
    if (pods.remove(namespace + "/" + name) != null && podRecords == PodRecords.VERIFIED) {
      changed();
    }
  }

  @Override
  public void markSynced() {
    synced = true;
  }

  private static String key(ObjectMeta m) {
    if (m == null || m.name() == null || m.name().isEmpty()) {
      throw new IllegalArgumentException("metadata.name is required");
    }
    String ns = m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
    return ns + "/" + m.name();
  }

  private void changed() {
    synchronized (rebuildLock) {
      snapshot = null;
      serial = Math.max(serial + 1, System.currentTimeMillis() / 1000);
    }
  }

  /** Answers one question; {@code qname} in any case, absolute or not. */
  DnsAnswer lookup(String qname, DnsRecordType type) {
    ClusterDnsName name = ClusterDnsName.parse(qname, zone);
    if (name instanceof External) {
      return DnsAnswer.of(Outcome.FORWARD);
    }
    if (!synced) {
      return DnsAnswer.of(Outcome.SERVFAIL);
    }
    Snapshot s = current();
    String owner = ClusterDnsName.canonical(qname);
    return switch (name) {
      case Apex a -> apex(type);
      case DnsVersion v ->
          DnsAnswer.answer(
              type == DnsRecordType.TXT
                  ? List.of(new Rr(owner, DnsRecordType.TXT, DnsWire.txt(SPEC_VERSION)))
                  : List.of(),
              List.of());
      case EmptyNonTerminal e -> DnsAnswer.of(Outcome.NODATA);
      case Namespace n ->
          DnsAnswer.of(s.namespaces.contains(n.namespace()) ? Outcome.NODATA : Outcome.NXDOMAIN);
      case ServiceName n -> service(s, owner, n, type);
      case EndpointName n -> endpoint(s, owner, n, type);
      case SrvProto n ->
          DnsAnswer.of(
              s.services.containsKey(n.namespace() + "/" + n.service())
                  ? Outcome.NODATA
                  : Outcome.NXDOMAIN);
      case SrvName n -> srv(s, owner, n, type);
      case PodNamespace n ->
          DnsAnswer.of(podRecords == PodRecords.DISABLED ? Outcome.NXDOMAIN : Outcome.NODATA);
      case PodName n -> pod(s, owner, n, type);
      case Reverse r -> reverse(s, owner, r, type);
      case Unknown u -> DnsAnswer.of(Outcome.NXDOMAIN);
      case External e -> DnsAnswer.of(Outcome.FORWARD);
    };
  }

  private DnsAnswer apex(DnsRecordType type) {
    if (type == DnsRecordType.SOA) {
      return new DnsAnswer(Outcome.ANSWER, List.of(), List.of(), true);
    }
    if (type == DnsRecordType.NS) {
      return DnsAnswer.answer(
          List.of(new Rr(zone, DnsRecordType.NS, DnsWire.name("ns.dns." + zone))), List.of());
    }
    return DnsAnswer.of(Outcome.NODATA);
  }

  private DnsAnswer service(Snapshot s, String owner, ServiceName n, DnsRecordType type) {
    Svc svc = s.services.get(n.namespace() + "/" + n.service());
    if (svc == null) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    if (svc.externalName != null) {
      return DnsAnswer.answer(
          List.of(new Rr(owner, DnsRecordType.CNAME, DnsWire.name(svc.externalName))), List.of());
    }
    if (svc.headless && svc.endpoints.isEmpty()) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    List<Rr> answers = new ArrayList<>();
    List<Rr> additionals = new ArrayList<>();
    if (type == DnsRecordType.A || type == DnsRecordType.AAAA) {
      List<InetAddress> ips = svc.headless ? svc.endpointIps() : svc.clusterIps;
      for (InetAddress ip : ips) {
        addAddress(answers, owner, ip, type);
      }
    } else if (type == DnsRecordType.SRV) {
      srvRecords(svc, owner, p -> true, answers, additionals);
    }
    return DnsAnswer.answer(answers, additionals);
  }

  private DnsAnswer endpoint(Snapshot s, String owner, EndpointName n, DnsRecordType type) {
    Svc svc = s.services.get(n.namespace() + "/" + n.service());
    if (svc == null || svc.externalName != null) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    List<Ep> matched = svc.endpoints.stream().filter(e -> e.name.equals(n.endpoint())).toList();
    if (matched.isEmpty()) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    List<Rr> answers = new ArrayList<>();
    for (Ep e : matched) {
      addAddress(answers, owner, e.ip, type);
    }
    return DnsAnswer.answer(answers, List.of());
  }

  private DnsAnswer srv(Snapshot s, String owner, SrvName n, DnsRecordType type) {
    Svc svc = s.services.get(n.namespace() + "/" + n.service());
    if (svc == null) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    List<Rr> answers = new ArrayList<>();
    List<Rr> additionals = new ArrayList<>();
    srvRecords(
        svc,
        owner,
        p -> n.port().equals(p.name) && n.protocol().equals(p.protocol),
        answers,
        additionals);
    if (answers.isEmpty()) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    return type == DnsRecordType.SRV
        ? DnsAnswer.answer(answers, additionals)
        : DnsAnswer.of(Outcome.NODATA);
  }

  private void srvRecords(
      Svc svc,
      String owner,
      java.util.function.Predicate<Port> match,
      List<Rr> answers,
      List<Rr> additionals) {
    record Target(String name, int port, InetAddress ip) {}
    List<Target> targets = new ArrayList<>();
    if (svc.externalName != null) {
      for (Port p : svc.ports) {
        if (match.test(p)) {
          targets.add(new Target(svc.externalName, p.port, null));
        }
      }
    } else if (svc.headless) {
      for (Ep e : svc.endpoints) {
        for (Port p : e.ports) {
          if (match.test(p)) {
            targets.add(new Target(e.name + "." + svc.fqdn, p.port, e.ip));
          }
        }
      }
    } else {
      for (Port p : svc.ports) {
        if (match.test(p)) {
          targets.add(new Target(svc.fqdn, p.port, null));
        }
      }
    }
    int weight = targets.isEmpty() ? 0 : Math.max(1, 100 / targets.size());
    Set<String> added = new HashSet<>();
    for (Target t : targets) {
      answers.add(new Rr(owner, DnsRecordType.SRV, DnsWire.srv(0, weight, t.port(), t.name())));
      if (!added.add(t.name() + "|" + t.ip())) {
        continue;
      }
      if (t.ip() != null) {
        addAddress(additionals, t.name(), t.ip(), null);
      } else if (svc.externalName == null) {
        for (InetAddress ip : svc.clusterIps) {
          addAddress(additionals, t.name(), ip, null);
        }
      }
    }
  }

  private DnsAnswer pod(Snapshot s, String owner, PodName n, DnsRecordType type) {
    if (podRecords == PodRecords.DISABLED) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    if (podRecords == PodRecords.VERIFIED
        && !s.podIps.contains(n.namespace() + "/" + n.ip().getHostAddress())) {
      return DnsAnswer.of(Outcome.NXDOMAIN);
    }
    List<Rr> answers = new ArrayList<>();
    addAddress(answers, owner, n.ip(), type);
    return DnsAnswer.answer(answers, List.of());
  }

  private DnsAnswer reverse(Snapshot s, String owner, Reverse r, DnsRecordType type) {
    Set<String> targets = s.ptr.get(r.ip());
    if (targets == null) {
      return DnsAnswer.of(Outcome.FORWARD);
    }
    if (type != DnsRecordType.PTR) {
      return DnsAnswer.of(Outcome.NODATA);
    }
    List<Rr> answers = new ArrayList<>();
    for (String t : targets) {
      answers.add(new Rr(owner, DnsRecordType.PTR, DnsWire.name(t)));
    }
    return DnsAnswer.answer(answers, List.of());
  }

  /** Adds an A or AAAA record for {@code ip} when it matches {@code type} (null: either). */
  private static void addAddress(List<Rr> out, String owner, InetAddress ip, DnsRecordType type) {
    DnsRecordType t = ip.getAddress().length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
    if (type == null || type == t) {
      out.add(new Rr(owner, t, DnsWire.address(ip)));
    }
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s != null) {
      return s;
    }
    synchronized (rebuildLock) {
      if (snapshot == null) {
        snapshot = build();
      }
      return snapshot;
    }
  }

  // ---- index building ----

  private record Port(String name, String protocol, int port) {}

  private record Ep(String name, InetAddress ip, List<Port> ports) {}

  private record Svc(
      String fqdn,
      boolean headless,
      String externalName,
      List<InetAddress> clusterIps,
      List<Port> ports,
      List<Ep> endpoints) {
    List<InetAddress> endpointIps() {
      Set<InetAddress> ips = new LinkedHashSet<>();
      for (Ep e : endpoints) {
        ips.add(e.ip);
      }
      return List.copyOf(ips);
    }
  }

  private record Snapshot(
      Map<String, Svc> services,
      Set<String> namespaces,
      Map<InetAddress, Set<String>> ptr,
      Set<String> podIps) {}

  private Snapshot build() {
    Map<String, List<EndpointSlice>> slicesBySvc = new HashMap<>();
    for (EndpointSlice slice : slices.values()) {
      String svc = slice.metadata().labels().get(SERVICE_NAME_LABEL);
      if (svc != null) {
        slicesBySvc
            .computeIfAbsent(namespaceOf(slice.metadata()) + "/" + svc, k -> new ArrayList<>())
            .add(slice);
      }
    }
    Map<String, Svc> out = new HashMap<>();
    Set<String> namespaces = new HashSet<>();
    Map<InetAddress, Set<String>> ptr = new HashMap<>();
    for (Map.Entry<String, Service> en : services.entrySet()) {
      Service service = en.getValue();
      ServiceSpec spec = service.spec();
      if (spec == null) {
        continue;
      }
      String ns = namespaceOf(service.metadata());
      String fqdn =
          (service.metadata().name() + "." + ns + ".svc." + zone).toLowerCase(Locale.ROOT);
      namespaces.add(ns.toLowerCase(Locale.ROOT));
      List<Port> ports = new ArrayList<>();
      for (ServicePort p : spec.ports()) {
        if (p.name() != null && !p.name().isEmpty() && p.port() != null) {
          ports.add(new Port(p.name().toLowerCase(Locale.ROOT), protocol(p.protocol()), p.port()));
        }
      }
      if ("ExternalName".equals(spec.type())) {
        if (spec.externalName() != null && !spec.externalName().isEmpty()) {
          out.put(
              en.getKey().toLowerCase(Locale.ROOT),
              new Svc(
                  fqdn,
                  false,
                  ClusterDnsName.canonical(spec.externalName()),
                  List.of(),
                  ports,
                  List.of()));
        }
        continue;
      }
      List<String> ipTexts = new ArrayList<>(spec.clusterIPs());
      if (ipTexts.isEmpty() && spec.clusterIP() != null) {
        ipTexts.add(spec.clusterIP());
      }
      boolean headless = ipTexts.isEmpty() || ipTexts.contains("None");
      List<InetAddress> clusterIps = new ArrayList<>();
      if (!headless) {
        for (String t : ipTexts) {
          InetAddress ip = literal(t);
          if (ip != null) {
            clusterIps.add(ip);
            ptr.computeIfAbsent(ip, k -> new LinkedHashSet<>()).add(fqdn);
          }
        }
      }
      boolean publishNotReady = Boolean.TRUE.equals(spec.publishNotReadyAddresses());
      List<Ep> eps = endpointsOf(en.getKey(), slicesBySvc, publishNotReady);
      for (Ep e : eps) {
        ptr.computeIfAbsent(e.ip, k -> new LinkedHashSet<>()).add(e.name + "." + fqdn);
      }
      out.put(
          en.getKey().toLowerCase(Locale.ROOT),
          new Svc(fqdn, headless, null, List.copyOf(clusterIps), List.copyOf(ports), eps));
    }
    Set<String> podIps = new HashSet<>();
    if (podRecords == PodRecords.VERIFIED) {
      for (Pod pod : pods.values()) {
        if (pod.status() == null) {
          continue;
        }
        String ns = namespaceOf(pod.metadata()).toLowerCase(Locale.ROOT);
        List<String> ips = new ArrayList<>();
        for (PodIP p : pod.status().podIPs()) {
          ips.add(p.ip());
        }
        ips.add(pod.status().podIP());
        for (String t : ips) {
          InetAddress ip = t == null ? null : literal(t);
          if (ip != null) {
            podIps.add(ns + "/" + ip.getHostAddress());
          }
        }
      }
    }
    return new Snapshot(Map.copyOf(out), Set.copyOf(namespaces), Map.copyOf(ptr), podIps);
  }

  private List<Ep> endpointsOf(
      String svcKey, Map<String, List<EndpointSlice>> slicesBySvc, boolean publishNotReady) {
    Map<String, Ep> eps = new LinkedHashMap<>();
    List<EndpointSlice> mine = slicesBySvc.get(svcKey);
    if (mine != null) {
      mine.sort(java.util.Comparator.comparing(sl -> sl.metadata().name()));
      for (EndpointSlice slice : mine) {
        if ("FQDN".equals(slice.addressType())) {
          continue;
        }
        List<Port> ports = new ArrayList<>();
        for (dev.keelson.api.discovery.v1.EndpointPort p : slice.ports()) {
          if (p.name() != null && !p.name().isEmpty() && p.port() != null) {
            ports.add(
                new Port(p.name().toLowerCase(Locale.ROOT), protocol(p.protocol()), p.port()));
          }
        }
        for (Endpoint e : slice.endpoints()) {
          boolean ready =
              e.conditions() == null || e.conditions().ready() == null || e.conditions().ready();
          if (!ready && !publishNotReady) {
            continue;
          }
          for (String a : e.addresses()) {
            addEp(eps, e.hostname(), a, ports);
          }
        }
      }
      return List.copyOf(eps.values());
    }
    Endpoints legacy = endpoints.get(svcKey);
    if (legacy != null) {
      for (EndpointSubset subset : legacy.subsets()) {
        List<Port> ports = new ArrayList<>();
        for (dev.keelson.api.core.v1.EndpointPort p : subset.ports()) {
          if (p.name() != null && !p.name().isEmpty() && p.port() != null) {
            ports.add(
                new Port(p.name().toLowerCase(Locale.ROOT), protocol(p.protocol()), p.port()));
          }
        }
        List<EndpointAddress> addresses = new ArrayList<>(subset.addresses());
        if (publishNotReady) {
          addresses.addAll(subset.notReadyAddresses());
        }
        for (EndpointAddress a : addresses) {
          addEp(eps, a.hostname(), a.ip(), ports);
        }
      }
    }
    return List.copyOf(eps.values());
  }

  private static void addEp(
      Map<String, Ep> eps, String hostname, String address, List<Port> ports) {
    InetAddress ip = address == null ? null : literal(address);
    if (ip == null) {
      return;
    }
    String name =
        hostname != null && !hostname.isEmpty()
            ? hostname.toLowerCase(Locale.ROOT)
            : ClusterDnsName.dashed(ip);
    eps.putIfAbsent(name + "|" + ip.getHostAddress(), new Ep(name, ip, List.copyOf(ports)));
  }

  private static String protocol(String p) {
    return p == null || p.isEmpty() ? "tcp" : p.toLowerCase(Locale.ROOT);
  }

  private static String namespaceOf(ObjectMeta m) {
    return m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
  }

  /** An IP literal to an address without any name lookup; null when not a literal. */
  static InetAddress literal(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    if (t.contains(":")) {
      try {
        return InetAddress.getByName(t.startsWith("[") ? t : t); // colon: parsed as a literal
      } catch (UnknownHostException | RuntimeException e) {
        return null;
      }
    }
    return ClusterDnsName.dashedAddress(t.replace('.', '-'));
  }
}
