package dev.keelson.apiserver.discovery;

import dev.keelson.api.errors.NotAcceptableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The form in which {@code /api} and {@code /apis} answer, negotiated from the {@code Accept}
 * header as kube-apiserver does: clauses are tried by decreasing {@code q}, more specific types and
 * types with more parameters first among equals; the first clause the server can produce wins. A
 * clause asking for {@code as=APIGroupDiscoveryList} in group {@code apidiscovery.k8s.io} (version
 * {@code v2} or {@code v2beta1}) selects aggregated discovery; a plain JSON (or wildcard) clause
 * selects the legacy documents; clauses the server cannot produce (other conversions, YAML,
 * protobuf) are skipped.
 */
public enum DiscoveryFormat {
  /** {@code APIVersions} / {@code APIGroupList}, {@code Content-Type: application/json}. */
  LEGACY("application/json", null),
  /** {@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}. */
  AGGREGATED_V2(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      "apidiscovery.k8s.io/v2"),
  /** {@code apidiscovery.k8s.io/v2beta1 APIGroupDiscoveryList} (same shape as v2). */
  AGGREGATED_V2BETA1(
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
      "apidiscovery.k8s.io/v2beta1");

  private final String contentType;
  private final String apiVersion;

  DiscoveryFormat(String contentType, String apiVersion) {
    this.contentType = contentType;
    this.apiVersion = apiVersion;
  }

  /** The response's {@code Content-Type}, which clients use to tell the forms apart. */
  public String contentType() {
    return contentType;
  }

  /** The {@code apiVersion} of the aggregated list; {@code null} for {@link #LEGACY}. */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * The form for an {@code Accept} header.
   *
   * @param accept the header, or {@code null} (legacy)
   * @param allowAggregated whether aggregated discovery is enabled (kube-apiserver's {@code
   *     AggregatedDiscoveryEndpoint} feature)
   * @throws NotAcceptableException if no clause names something the server can produce
   */
  public static DiscoveryFormat negotiate(String accept, boolean allowAggregated) {
    if (accept == null || accept.isBlank()) {
      return LEGACY;
    }
    List<Clause> clauses = new ArrayList<>();
    for (String raw : accept.split(",")) {
      Clause c = Clause.parse(raw);
      if (c != null && c.q() > 0) {
        clauses.add(c);
      }
    }
    clauses.sort(
        Comparator.comparingDouble(Clause::q)
            .reversed()
            .thenComparing(Comparator.comparingInt(Clause::specificity).reversed())
            .thenComparing(Comparator.comparingInt((Clause c) -> c.params().size()).reversed()));
    for (Clause c : clauses) {
      if (!c.matchesJson()) {
        continue;
      }
      String as = c.params().get("as");
      if (as == null) {
        return LEGACY;
      }
      if (allowAggregated
          && c.type().equals("application")
          && c.subtype().equals("json")
          && as.equals("APIGroupDiscoveryList")
          && DiscoveryDocuments.APIDISCOVERY_GROUP.equals(c.params().get("g"))) {
        String v = c.params().get("v");
        if ("v2".equals(v)) {
          return AGGREGATED_V2;
        }
        if ("v2beta1".equals(v)) {
          return AGGREGATED_V2BETA1;
        }
      }
    }
    throw NotAcceptableException.of(
        "only the following media types are accepted: application/json, "
            + AGGREGATED_V2.contentType
            + ", "
            + AGGREGATED_V2BETA1.contentType);
  }

  /** One media range of an Accept header. */
  private record Clause(String type, String subtype, double q, Map<String, String> params) {
    static Clause parse(String raw) {
      String[] parts = raw.split(";");
      String range = parts[0].trim().toLowerCase(Locale.ROOT);
      int slash = range.indexOf('/');
      if (slash <= 0 || slash == range.length() - 1) {
        return null;
      }
      double q = 1;
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        int eq = p.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = p.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (key.equals("q")) {
          try {
            q = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            q = 0;
          }
        } else {
          params.put(key, value);
        }
      }
      return new Clause(range.substring(0, slash), range.substring(slash + 1), q, params);
    }

    int specificity() {
      return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
    }

    boolean matchesJson() {
      return (type.equals("*") && subtype.equals("*"))
          || (type.equals("application") && (subtype.equals("*") || subtype.equals("json")));
    }
  }
}
