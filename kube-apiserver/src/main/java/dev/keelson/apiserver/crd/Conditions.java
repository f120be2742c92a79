package dev.keelson.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** CRD status conditions, set as kube-apiserver's {@code SetCRDCondition} does. */
final class Conditions {
  private Conditions() {}

  /**
   * Sets condition {@code type}: a new one is appended; an existing one keeps its {@code
   * lastTransitionTime} unless its status changes.
   */
  static void set(
      ObjectNode crd, String type, String status, String reason, String message, String now) {
    ObjectNode st = crd.get("status") instanceof ObjectNode s ? s : crd.putObject("status");
    ArrayNode conditions =
        st.get("conditions") instanceof ArrayNode a ? a : st.putArray("conditions");
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals(type) && c instanceof ObjectNode o) {
        if (!o.path("status").asText().equals(status)) {
          o.put("lastTransitionTime", now);
        }
        o.put("status", status).put("reason", reason).put("message", message);
        return;
      }
    }
    conditions
        .addObject()
        .put("type", type)
        .put("status", status)
        .put("lastTransitionTime", now)
        .put("reason", reason)
        .put("message", message);
  }

  /** The status of condition {@code type}, or {@code ""}. */
  static String status(JsonNode crd, String type) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText("");
      }
    }
    return "";
  }
}
