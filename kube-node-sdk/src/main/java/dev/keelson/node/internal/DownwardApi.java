package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceFieldSelector;
import dev.keelson.api.values.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's values: pod fields ({@code fieldRef}) and container resources ({@code
 * resourceFieldRef}), as kubelet computes them for env vars and downwardAPI volume files.
 * Unsupported paths raise {@link IllegalArgumentException} with kubelet's message.
 */
final class DownwardApi {
  private DownwardApi() {}

  /**
   * A pod field for an env var: the metadata fields plus {@code spec.nodeName}, {@code
   * spec.serviceAccountName}, {@code status.hostIP(s)} and {@code status.podIP(s)}.
   */
  static String envField(Pod pod, String fieldPath, List<String> podIps, String hostIp) {
    return switch (fieldPath) {
      case "spec.nodeName" -> nullToEmpty(pod.spec().nodeName());
      case "spec.serviceAccountName" -> nullToEmpty(pod.spec().serviceAccountName());
      case "status.hostIP" -> hostIp;
      case "status.hostIPs" -> hostIp;
      case "status.podIP" -> podIps.isEmpty() ? "" : podIps.get(0);
      case "status.podIPs" -> String.join(",", podIps);
      default -> metadataField(pod, fieldPath);
    };
  }

  /**
   * A metadata field: {@code metadata.name}, {@code namespace}, {@code uid}, {@code labels} and
   * {@code annotations} (whole, as {@code key="value"} lines, or one key as {@code
   * metadata.labels['key']}).
   */
  static String metadataField(Pod pod, String fieldPath) {
    var meta = pod.metadata();
    switch (fieldPath) {
      case "metadata.name":
        return nullToEmpty(meta.name());
      case "metadata.namespace":
        return nullToEmpty(meta.namespace());
      case "metadata.uid":
        return nullToEmpty(meta.uid());
      case "metadata.labels":
        return formatMap(meta.labels());
      case "metadata.annotations":
        return formatMap(meta.annotations());
      default:
        break;
    }
    String key = subscript(fieldPath, "metadata.labels");
    if (key != null) {
      return nullToEmpty(meta.labels().get(key));
    }
    key = subscript(fieldPath, "metadata.annotations");
    if (key != null) {
      return nullToEmpty(meta.annotations().get(key));
    }
    throw new IllegalArgumentException("unsupported fieldPath: " + fieldPath);
  }

  private static String subscript(String path, String prefix) {
    if (path.startsWith(prefix + "['") && path.endsWith("']")) {
      return path.substring(prefix.length() + 2, path.length() - 2);
    }
    return null;
  }

  /** Sorted {@code key="value"} lines (Go-quoted values), no trailing newline. */
  static String formatMap(Map<String, String> m) {
    StringBuilder b = new StringBuilder();
    for (var e : new TreeMap<>(m).entrySet()) {
      if (!b.isEmpty()) {
        b.append('\n');
      }
      b.append(e.getKey()).append('=').append(goQuote(e.getValue()));
    }
    return b.toString();
  }

  private static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A container resource divided by the divisor and rounded up: {@code limits.cpu}, {@code
   * requests.cpu} (in millicores against the divisor's), {@code limits.memory}, {@code
   * requests.memory}, {@code limits.ephemeral-storage}, {@code requests.ephemeral-storage}. Unset
   * limits are the node's allocatable, as kubelet defaults them for the downward API.
   */
  static String resourceField(
      Container c, ResourceFieldSelector sel, Map<String, Quantity> allocatable) {
    Quantity divisor =
        sel.divisor() == null || sel.divisor().isZero() ? Quantity.parse("1") : sel.divisor();
    String res = sel.resource() == null ? "" : sel.resource();
    int dot = res.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("unsupported container resource : " + res);
    }
    String kind = res.substring(0, dot);
    String name = res.substring(dot + 1);
    if (!(kind.equals("limits") || kind.equals("requests"))
        || !(name.equals("cpu")
            || name.equals("memory")
            || name.equals("ephemeral-storage")
            || name.startsWith("hugepages-"))) {
      throw new IllegalArgumentException("unsupported container resource : " + res);
    }
    Map<String, Quantity> set =
        c.resources() == null
            ? Map.of()
            : kind.equals("limits") ? c.resources().limits() : c.resources().requests();
    Quantity q = set.get(name);
    if (q == null && kind.equals("limits") && !name.startsWith("hugepages-")) {
      q = allocatable.get(name);
    }
    if (q == null) {
      q = Quantity.ZERO;
    }
    BigDecimal value;
    BigDecimal div;
    if (name.equals("cpu")) {
      value = milli(q);
      div = milli(divisor);
    } else {
      value = q.toBigDecimal().setScale(0, RoundingMode.CEILING);
      div = divisor.toBigDecimal().setScale(0, RoundingMode.CEILING);
    }
    if (div.signum() == 0) {
      throw new IllegalArgumentException("invalid divisor for " + res + ": " + divisor);
    }
    return value.divide(div, 0, RoundingMode.CEILING).toPlainString();
  }

  private static BigDecimal milli(Quantity q) {
    return q.toBigDecimal().movePointRight(3).setScale(0, RoundingMode.CEILING);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
