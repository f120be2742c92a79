package dev.keelson.controllers.endpoints;

import dev.keelson.api.core.v1.EndpointAddress;
import dev.keelson.api.core.v1.EndpointPort;
import dev.keelson.api.core.v1.EndpointSubset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups (address, port) pairs into subsets as Kubernetes' {@code RepackSubsets}: one subset per
 * distinct port set, each holding every address with exactly those ports; an address both ready and
 * not ready for a port set is ready. Addresses are sorted by IP (then pod uid), ports by name,
 * number and protocol, subsets by their ports, so that equal inputs give equal objects.
 */
final class Repacker {
  private static final Comparator<EndpointPort> PORT_ORDER =
      Comparator.comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
          .thenComparing(p -> p.port() == null ? 0 : p.port())
          .thenComparing(p -> p.protocol() == null ? "" : p.protocol());
  private static final Comparator<EndpointAddress> ADDRESS_ORDER =
      Comparator.comparing(EndpointAddress::ip)
          .thenComparing(
              a -> a.targetRef() == null || a.targetRef().uid() == null ? "" : a.targetRef().uid());

  /** Per port key: the port, and per address key whether that address is ready on it. */
  private final Map<String, EndpointPort> ports = new TreeMap<>();

  private final Map<String, TreeMap<String, Boolean>> readyByPort = new TreeMap<>();
  private final Map<String, EndpointAddress> addresses = new LinkedHashMap<>();

  /** Adds {@code address} on {@code ports} (none: a headless Service without ports). */
  void add(List<EndpointPort> on, EndpointAddress address, boolean ready) {
    String addressKey =
        address.ip()
            + "/"
            + (address.targetRef() == null ? "" : String.valueOf(address.targetRef().uid()));
    addresses.putIfAbsent(addressKey, address);
    List<EndpointPort> list = on.isEmpty() ? java.util.Collections.singletonList(null) : on;
    for (EndpointPort p : list) {
      String pk = p == null ? "" : p.name() + "/" + p.port() + "/" + p.protocol();
      if (p != null) {
        ports.put(pk, p);
      }
      readyByPort
          .computeIfAbsent(pk, k -> new TreeMap<>())
          .merge(addressKey, ready, Boolean::logicalOr);
    }
  }

  /** The subsets: ports whose (address, ready) sets are equal share one subset. */
  List<EndpointSubset> subsets() {
    Map<TreeMap<String, Boolean>, List<EndpointPort>> grouped = new LinkedHashMap<>();
    for (Map.Entry<String, TreeMap<String, Boolean>> e : readyByPort.entrySet()) {
      List<EndpointPort> group = grouped.computeIfAbsent(e.getValue(), k -> new ArrayList<>());
      EndpointPort port = ports.get(e.getKey());
      if (port != null) {
        group.add(port);
      }
    }
    List<EndpointSubset> out = new ArrayList<>();
    for (Map.Entry<TreeMap<String, Boolean>, List<EndpointPort>> g : grouped.entrySet()) {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      g.getValue().sort(PORT_ORDER);
      for (Map.Entry<String, Boolean> a : g.getKey().entrySet()) {
        (a.getValue() ? ready : notReady).add(addresses.get(a.getKey()));
      }
      ready.sort(ADDRESS_ORDER);
      notReady.sort(ADDRESS_ORDER);
      out.add(new EndpointSubset(ready, notReady, g.getValue()));
    }
    out.sort(
        Comparator.comparing(
            (EndpointSubset s) ->
                s.ports().isEmpty()
                    ? ""
                    : s.ports().get(0).name() + "/" + s.ports().get(0).port()));
    return out;
  }
}
