package dev.keelson.apiserver.table;

import static dev.keelson.apiserver.table.Columns.AGE;
import static dev.keelson.apiserver.table.Columns.NAME;
import static dev.keelson.apiserver.table.Columns.column;
import static dev.keelson.apiserver.table.CoreTables.cells;
import static dev.keelson.apiserver.table.Fields.at;
import static dev.keelson.apiserver.table.Fields.list;
import static dev.keelson.apiserver.table.Fields.name;
import static dev.keelson.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Ingresses, IngressClasses and NetworkPolicies, as kube-apiserver prints them. */
final class IngressTables {
  private IngressTables() {}

  /** At most this many hosts are named in the HOSTS cell. */
  private static final int MAX_HOSTS = 3;

  static TableConvertor ingresses(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Class",
                "string",
                "The name of the IngressClass resource that should be used for additional"
                    + " configuration"),
            column(
                "Hosts",
                "string",
                "Hosts that incoming requests are matched against before the ingress rule"),
            column(
                "Address",
                "string",
                "Address is a list containing ingress points for the load-balancer"),
            column("Ports", "string", "Ports of TLS configurations that open"),
            AGE),
        ing -> {
          String className = text(ing, "spec", "ingressClassName");
          return cells(
              name(ing),
              className.isEmpty() && !at(ing, "spec", "ingressClassName").isTextual()
                  ? "<none>"
                  : className,
              hosts(list(ing, "spec", "rules")),
              address(ing),
              list(ing, "spec", "tls").isEmpty() ? "80" : "80, 443",
              HumanDuration.since(Fields.created(ing), clock));
        });
  }

  /** Kubernetes' {@code formatHosts}: up to three hosts, {@code *} when no rule names one. */
  private static String hosts(List<JsonNode> rules) {
    List<String> shown = new ArrayList<>();
    boolean more = false;
    for (JsonNode rule : rules) {
      if (shown.size() == MAX_HOSTS) {
        more = true;
      }
      if (!more && !text(rule, "host").isEmpty()) {
        shown.add(text(rule, "host"));
      }
    }
    if (shown.isEmpty()) {
      return "*";
    }
    String joined = String.join(",", shown);
    return more ? joined + " + " + (rules.size() - MAX_HOSTS) + " more..." : joined;
  }

  /** The load balancer's IPs (or host names), sorted; the server prints the unclipped form. */
  private static String address(JsonNode ing) {
    TreeSet<String> all = new TreeSet<>();
    for (JsonNode in : list(ing, "status", "loadBalancer", "ingress")) {
      if (!text(in, "ip").isEmpty()) {
        all.add(text(in, "ip"));
      } else if (!text(in, "hostname").isEmpty()) {
        all.add(text(in, "hostname"));
      }
    }
    return String.join(",", all);
  }

  static TableConvertor ingressClasses(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Controller", "string", "Controller that is responsible for handling this class"),
            column("Parameters", "string", "A reference to a resource with additional parameters"),
            AGE),
        ic -> {
          JsonNode p = at(ic, "spec", "parameters");
          String parameters = "<none>";
          if (p.isObject()) {
            parameters = text(p, "kind");
            if (p.path("apiGroup").isTextual()) {
              parameters = parameters + "." + text(p, "apiGroup");
            }
            parameters = parameters + "/" + text(p, "name");
          }
          return cells(
              name(ic),
              text(ic, "spec", "controller"),
              parameters,
              HumanDuration.since(Fields.created(ic), clock));
        });
  }

  static TableConvertor networkPolicies(InstantSource clock) {
    return new SimpleTable(
        List.of(
            NAME,
            column(
                "Pod-Selector",
                "string",
                "podSelector selects the pods to which this NetworkPolicy object applies."),
            AGE),
        np ->
            cells(
                name(np),
                Fields.formatSelector(np, "spec", "podSelector"),
                HumanDuration.since(Fields.created(np), clock)));
  }
}
