package dev.keelson.apiserver.rest;

import static dev.keelson.apiserver.rest.StoredObjects.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.DeleteOptions;
import dev.keelson.api.protobuf.KubeProtobuf;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.http.Request;
import java.util.List;

/** The options of one delete, from the DeleteOptions body and the query. */
record DeleteRequest(
    Long gracePeriodSeconds,
    String propagationPolicy,
    String preconditionUid,
    String preconditionResourceVersion,
    boolean dryRun) {

  private static final GroupVersionKind DELETE_OPTIONS =
      new GroupVersionKind("meta.k8s.io", "v1", "DeleteOptions");

  /** The DeleteOptions body: JSON, or protobuf as client-go may send it. */
  private static DeleteOptions options(Request r) {
    if (!Bodies.isProtobuf(r)) {
      return KubeJson.decode(r.body(), DeleteOptions.class);
    }
    ObjectNode tree =
        KubeProtobuf.decode(r.body(), new GroupVersionKind("meta.k8s.io", "v1", "DeleteOptions"))
            .object();
    tree.remove("apiVersion");
    tree.remove("kind");
    return KubeJson.convert(tree, DeleteOptions.class, FieldValidation.IGNORE).value();
  }

  static DeleteRequest of(Request r) {
    DeleteOptions o = r.body().length == 0 ? null : options(r);
    Long grace = o == null ? null : o.gracePeriodSeconds();
    String q = r.param("gracePeriodSeconds");
    if (q != null) {
      try {
        grace = Long.parseLong(q);
      } catch (NumberFormatException e) {
        throw BadRequestException.of("invalid gracePeriodSeconds: \"" + q + "\"");
      }
    }
    String policy = o == null ? null : o.propagationPolicy();
    if (r.param("propagationPolicy") != null) {
      policy = r.param("propagationPolicy");
    }
    Boolean orphan = o == null ? null : o.orphanDependents();
    if (r.param("orphanDependents") != null) {
      orphan = Boolean.parseBoolean(r.param("orphanDependents"));
    }
    if (orphan != null && policy != null) {
      throw InvalidException.of(
          DELETE_OPTIONS,
          "",
          List.of(
              FieldError.invalid(
                  "propagationPolicy",
                  policy,
                  "orphanDependents and deletionPropagation cannot be both set")));
    }
    if (orphan != null) {
      policy = orphan ? "Orphan" : "Background";
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      throw InvalidException.of(
          DELETE_OPTIONS,
          "",
          List.of(
              FieldError.notSupported(
                  "propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
    }
    if (grace != null && grace < 0) {
      grace = 1L; // Kubernetes treats a negative grace period as 1 second
    }
    boolean dryRun = ResourceHandler.dryRun(r) || (o != null && o.dryRun().contains("All"));
    return new DeleteRequest(
        grace,
        policy,
        o == null || o.preconditions() == null ? null : o.preconditions().uid(),
        o == null || o.preconditions() == null ? null : o.preconditions().resourceVersion(),
        dryRun);
  }

  void checkPreconditions(ResourceType type, ObjectNode obj) {
    String name = meta(obj, "name");
    if (preconditionUid != null && !preconditionUid.equals(meta(obj, "uid"))) {
      throw ConflictException.of(
          type.groupResource(),
          name,
          "Precondition failed: UID in precondition: "
              + preconditionUid
              + ", UID in object meta: "
              + meta(obj, "uid"));
    }
    if (preconditionResourceVersion != null
        && !preconditionResourceVersion.equals(meta(obj, "resourceVersion"))) {
      throw ConflictException.of(
          type.groupResource(),
          name,
          "Precondition failed: ResourceVersion in precondition: "
              + preconditionResourceVersion
              + ", ResourceVersion in object meta: "
              + meta(obj, "resourceVersion"));
    }
  }

  /**
   * The grace period of this delete: pods bound to a node get one (their node agent confirms the
   * deletion with grace 0); everything else goes at once.
   */
  long gracePeriodFor(ResourceType type, ObjectNode obj) {
    boolean boundPod =
        type.group().isEmpty()
            && type.plural().equals("pods")
            && !obj.path("spec").path("nodeName").asText("").isEmpty();
    if (!boundPod) {
      return 0;
    }
    if (gracePeriodSeconds != null) {
      return gracePeriodSeconds;
    }
    return obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
  }
}
