package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.Columns.wide;
import static dev.keelson.apiserver.table.CoreTables.cells;
import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.integer;
import static dev.keelson.apiserver.table.Fields.list;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Services, Endpoints and EndpointSlices, as kube-apiserver prints them. */
final class NetworkTables {
  private NetworkTables() {}

  /** The LoadBalancer ingress list is clipped to this many characters outside {@code -o wide}. */
  private static final int MAX_SHOWN = 3;

  static TableConvertor services(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column("Type", "string", "type determines how the Service is exposed."),
            column("Cluster-IP", "string", "clusterIP is the IP address of the service."),
            column(
                "External-IP",
                "string",
                "externalIPs is a list of IP addresses for which nodes"
                    + " in the cluster will also accept traffic for this service."),
            column("Port(s)", "string", "The list of ports that are exposed by this service."),
            AGE,
            wide(
                "Selector",
                "string",
                "Route service traffic to pods with label keys and values"
                    + " matching this selector.")),
        svc -> {
          List<JsonNode> clusterIps = list(svc, "spec", "clusterIPs");
          String clusterIp = clusterIps.isEmpty() ? "<none>" : clusterIps.get(0).asText();
          List<String> ports = new ArrayList<>();
          for (JsonNode p : list(svc, "spec", "ports")) {
            String protocol = text(p, "protocol").isEmpty() ? "TCP" : text(p, "protocol");
            long nodePort = integer(p, "nodePort");
            ports.add(
                nodePort > 0
                    ? integer(p, "port") + ":" + nodePort + "/" + protocol
                    : integer(p, "port") + "/" + protocol);
          }
          return cells(
              name(svc),
              text(svc, "spec", "type"),
              clusterIp,
              externalIp(svc),
              ports.isEmpty() ? "<none>" : String.join(",", ports),
              HumanDuration.since(Fields.created(svc), clock),
              Fields.labels(svc, "spec", "selector"));
        });
  }

  /** The EXTERNAL-IP cell of a service; the wide form (the server always prints wide). */
  private static String externalIp(JsonNode svc) {
    List<String> external = new ArrayList<>();
    for (JsonNode ip : list(svc, "spec", "externalIPs")) {
      external.add(ip.asText());
    }
    switch (text(svc, "spec", "type")) {
      case "ClusterIP", "NodePort" -> {
        return external.isEmpty() ? "<none>" : String.join(",", external);
      }
      case "LoadBalancer" -> {
        TreeSet<String> lb = new TreeSet<>();
        for (JsonNode in : list(svc, "status", "loadBalancer", "ingress")) {
          if (!text(in, "ip").isEmpty()) {
            lb.add(text(in, "ip"));
          } else if (!text(in, "hostname").isEmpty()) {
            lb.add(text(in, "hostname"));
          }
        }
        List<String> all = new ArrayList<>(lb);
        all.addAll(external);
        return all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> {
        return text(svc, "spec", "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  static TableConvertor endpoints(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Endpoints",
                "string",
                "The set of all endpoints is the union of all" + " subsets."),
            AGE),
        ep -> cells(name(ep), formatEndpoints(ep), HumanDuration.since(Fields.created(ep), clock)));
  }

  private static String formatEndpoints(JsonNode ep) {
    List<JsonNode> subsets = list(ep, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> shown = new ArrayList<>();
    int count = 0;
    for (JsonNode ss : subsets) {
      List<JsonNode> addresses = list(ss, "addresses");
      List<JsonNode> ports = list(ss, "ports");
      if (ports.isEmpty()) {
        for (JsonNode a : addresses) {
          count++;
          if (shown.size() < MAX_SHOWN) {
            shown.add(text(a, "ip"));
          }
        }
      } else {
        for (JsonNode p : ports) {
          for (JsonNode a : addresses) {
            count++;
            if (shown.size() < MAX_SHOWN) {
              shown.add(hostPort(text(a, "ip"), integer(p, "port")));
            }
          }
        }
      }
    }
    return more(shown, count);
  }

  static TableConvertor endpointSlices(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "AddressType",
                "string",
                "addressType specifies the type of address carried by" + " this EndpointSlice."),
            column(
                "Ports",
                "string",
                "ports specifies the list of network ports exposed by each"
                    + " endpoint in this slice."),
            column(
                "Endpoints",
                "string",
                "endpoints is a list of unique endpoints in this" + " slice."),
            AGE),
        slice -> {
          List<String> ports = new ArrayList<>();
          int portCount = 0;
          for (JsonNode p : list(slice, "ports")) {
            portCount++;
            if (ports.size() < MAX_SHOWN) {
              JsonNode port = at(p, "port");
              ports.add(
                  port.isNumber()
                      ? port.asText()
                      : text(p, "name").isEmpty() ? "*" : text(p, "name"));
            }
          }
          List<String> addresses = new ArrayList<>();
          int addressCount = 0;
          for (JsonNode e : list(slice, "endpoints")) {
            for (JsonNode a : list(e, "addresses")) {
              addressCount++;
              if (addresses.size() < MAX_SHOWN) {
                addresses.add(a.asText());
              }
            }
          }
          return cells(
              name(slice),
              text(slice, "addressType"),
              unset(more(ports, portCount)),
              unset(more(addresses, addressCount)),
              HumanDuration.since(Fields.created(slice), clock));
        });
  }

  private static String hostPort(String ip, long port) {
    return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
  }

  private static String more(List<String> shown, int count) {
    String joined = String.join(",", shown);
    return count > MAX_SHOWN ? joined + " + " + (count - MAX_SHOWN) + " more..." : joined;
  }

  private static String unset(String s) {
    return s.isEmpty() ? "<unset>" : s;
  }
}
