package dev.keelson.apiserver.auth.authn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.Times;
import dev.keelson.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code serviceaccounts/token} subresource: a TokenRequest ({@code authentication.k8s.io/v1})
 * for an existing service account, optionally bound to a pod ({@code spec.boundObjectRef}), with
 * {@code spec.expirationSeconds} (default one hour, at least ten minutes) and {@code
 * spec.audiences} (default: the server's).
 */
public final class TokenRequests {
  private static final GroupVersionKind KIND =
      new GroupVersionKind("authentication.k8s.io", "v1", "TokenRequest");
  private static final long DEFAULT_EXPIRATION = 3600;
  private static final long MIN_EXPIRATION = 600;
  private static final long MAX_EXPIRATION = 1L << 32;

  private final ServiceAccountTokens tokens;
  private final ObjectLookup lookup;

  public TokenRequests(ServiceAccountTokens tokens, ObjectLookup lookup) {
    this.tokens = tokens;
    this.lookup = lookup;
  }

  /** Issues the token a request asks for and returns the TokenRequest with its status. */
  public ObjectNode create(String namespace, String serviceAccount, ObjectNode request) {
    JsonNode sa =
        lookup
            .get("serviceaccounts", namespace, serviceAccount)
            .orElseThrow(
                () ->
                    NotFoundException.of(GroupResource.of("", "serviceaccounts"), serviceAccount));
    JsonNode spec = request.path("spec");
    long seconds =
        spec.path("expirationSeconds").isNull() || spec.path("expirationSeconds").isMissingNode()
            ? DEFAULT_EXPIRATION
            : spec.path("expirationSeconds").asLong();
    List<FieldError> errors = new ArrayList<>();
    if (seconds < MIN_EXPIRATION) {
      errors.add(
          FieldError.invalid(
              "spec.expirationSeconds",
              seconds,
              "may not specify a duration less than 10 minutes"));
    } else if (seconds > MAX_EXPIRATION) {
      errors.add(
          FieldError.invalid(
              "spec.expirationSeconds",
              seconds,
              "may not specify a duration larger than 2^32 seconds"));
    }
    List<String> audiences = new ArrayList<>();
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    String podName = null;
    String podUid = null;
    JsonNode ref = spec.path("boundObjectRef");
    if (ref.isObject()) {
      String kind = ref.path("kind").asText("");
      if (!kind.equals("Pod")) {
        errors.add(FieldError.notSupported("spec.boundObjectRef.kind", kind, List.of("Pod")));
      } else {
        podName = ref.path("name").asText("");
        if (podName.isEmpty()) {
          errors.add(FieldError.required("spec.boundObjectRef.name", ""));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidException.of(KIND, serviceAccount, errors);
    }
    if (podName != null) {
      String name = podName;
      JsonNode pod =
          lookup
              .get("pods", namespace, podName)
              .orElseThrow(() -> NotFoundException.of(GroupResource.of("", "pods"), name));
      podUid = pod.path("metadata").path("uid").asText();
      String wanted = ref.path("uid").asText("");
      if (!wanted.isEmpty() && !wanted.equals(podUid)) {
        throw ConflictException.of(
            GroupResource.of("", "pods"),
            name,
            "the UID in the bound object reference ("
                + wanted
                + ") does not match the UID in record. The object might have been deleted and"
                + " then recreated");
      }
    }
    ServiceAccountTokens.Issued issued =
        tokens.issue(
            namespace,
            serviceAccount,
            sa.path("metadata").path("uid").asText(),
            podName,
            podUid,
            audiences,
            seconds);
    ObjectNode out = request.deepCopy();
    out.put("apiVersion", "authentication.k8s.io/v1");
    out.put("kind", "TokenRequest");
    ObjectNode meta = out.putObject("metadata");
    meta.put("name", serviceAccount);
    meta.put("namespace", namespace);
    meta.put("creationTimestamp", Times.format(tokens.clock().instant()));
    ObjectNode outSpec = out.putObject("spec");
    ArrayNode aud = outSpec.putArray("audiences");
    (audiences.isEmpty() ? tokens.defaultAudiences() : audiences).forEach(aud::add);
    outSpec.put("expirationSeconds", seconds);
    if (ref.isObject()) {
      ObjectNode r = outSpec.putObject("boundObjectRef");
      r.put("kind", "Pod");
      r.put("apiVersion", "v1");
      r.put("name", podName);
      r.put("uid", podUid);
    }
    ObjectNode status = out.putObject("status");
    status.put("token", issued.token());
    status.put("expirationTimestamp", Times.format(issued.expires()));
    return out;
  }
}
