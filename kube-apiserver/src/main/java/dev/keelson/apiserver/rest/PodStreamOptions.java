package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.http.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query parameters of the node-proxied pod subresources ({@code PodLogOptions}, {@code
 * PodExecOptions}, {@code PodAttachOptions}), parsed and validated as kube-apiserver does, and the
 * kubelet query each becomes.
 */
final class PodStreamOptions {
  private static final GroupVersionKind LOG_OPTIONS =
      new GroupVersionKind("", "v1", "PodLogOptions");

  private PodStreamOptions() {}

  /** {@code PodLogOptions}: the container asked for, and the kubelet query (sorted, encoded). */
  record Log(String container, boolean follow, String kubeletQuery) {}

  /** {@code PodExecOptions} / {@code PodAttachOptions}: container and kubelet query. */
  record Stream(String container, String kubeletQuery) {}

  static Log log(Request r, String podName) {
    boolean follow = bool(r, "follow");
    boolean previous = bool(r, "previous");
    boolean timestamps = bool(r, "timestamps");
    Long sinceSeconds = int64(r, "sinceSeconds");
    Long tailLines = int64(r, "tailLines");
    Long limitBytes = int64(r, "limitBytes");
    Instant sinceTime = time(r, "sinceTime");
    List<FieldError> errors = new ArrayList<>();
    if (tailLines != null && tailLines < 0) {
      errors.add(FieldError.invalid("tailLines", tailLines, "must be greater than or equal to 0"));
    }
    if (limitBytes != null && limitBytes < 1) {
      errors.add(FieldError.invalid("limitBytes", limitBytes, "must be greater than 0"));
    }
    if (sinceSeconds != null && sinceTime != null) {
      errors.add(
          FieldError.forbidden(
              "", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
    } else if (sinceSeconds != null && sinceSeconds < 1) {
      errors.add(FieldError.invalid("sinceSeconds", sinceSeconds, "must be greater than 0"));
    }
    if (!errors.isEmpty()) {
      throw InvalidException.of(LOG_OPTIONS, podName, errors);
    }
    Map<String, List<String>> q = new TreeMap<>();
    if (follow) {
      q.put("follow", List.of("true"));
    }
    if (previous) {
      q.put("previous", List.of("true"));
    }
    if (timestamps) {
      q.put("timestamps", List.of("true"));
    }
    if (sinceSeconds != null) {
      q.put("sinceSeconds", List.of(Long.toString(sinceSeconds)));
    }
    if (sinceTime != null) {
      q.put("sinceTime", List.of(sinceTime.toString()));
    }
    if (tailLines != null) {
      q.put("tailLines", List.of(Long.toString(tailLines)));
    }
    if (limitBytes != null) {
      q.put("limitBytes", List.of(Long.toString(limitBytes)));
    }
    return new Log(r.param("container"), follow, encode(q));
  }

  /** Exec ({@code withCommand}) or attach options. */
  static Stream stream(Request r, boolean withCommand) {
    Map<String, List<String>> q = new TreeMap<>();
    for (String p : List.of("stdin", "stdout", "stderr", "tty")) {
      if (bool(r, p)) {
        q.put(p, List.of("1"));
      }
    }
    if (withCommand) {
      List<String> command = r.query().getOrDefault("command", List.of());
      if (!command.isEmpty()) {
        q.put("command", command);
      }
    }
    return new Stream(r.param("container"), encode(q));
  }

  /**
   * The container a request names, or the pod's only container; kube-apiserver's messages when
   * there is none to choose or the name is not the pod's.
   */
  static String container(JsonNode pod, String requested) {
    String name = pod.path("metadata").path("name").asText();
    JsonNode spec = pod.path("spec");
    if (requested == null || requested.isEmpty()) {
      JsonNode containers = spec.path("containers");
      if (containers.size() == 1) {
        return containers.get(0).path("name").asText();
      }
      if (containers.isEmpty()) {
        throw BadRequestException.of("a container name must be specified for pod " + name);
      }
      throw BadRequestException.of(
          "a container name must be specified for pod "
              + name
              + ", choose one of: ["
              + String.join(" ", names(spec))
              + "]");
    }
    if (!names(spec).contains(requested)) {
      throw BadRequestException.of("container " + requested + " is not valid for pod " + name);
    }
    return requested;
  }

  /** Init containers, containers, then ephemeral containers, as Kubernetes visits them. */
  private static List<String> names(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (JsonNode c : spec.path(list)) {
        out.add(c.path("name").asText());
      }
    }
    return out;
  }

  /**
   * Kubernetes' query booleans: absent, {@code 0} or {@code false} are false; anything else true.
   */
  private static boolean bool(Request r, String name) {
    String v = r.param(name);
    return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  private static Long int64(Request r, String name) {
    String v = r.param(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw BadRequestException.of(
          "strconv.ParseInt: parsing "
              + quote(v)
              + ": invalid syntax (query parameter "
              + name
              + ")");
    }
  }

  private static Instant time(Request r, String name) {
    String v = r.param(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw BadRequestException.of(
          "parsing time " + quote(v) + " as RFC 3339 failed (query parameter " + name + ")");
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  /** {@code ?k=v&...} in key order, as Go's {@code url.Values.Encode}; empty when no parameter. */
  private static String encode(Map<String, List<String>> q) {
    StringBuilder b = new StringBuilder();
    q.forEach(
        (k, values) -> {
          for (String v : values) {
            b.append(b.length() == 0 ? '?' : '&')
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return b.toString();
  }
}
