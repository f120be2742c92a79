package dev.keelson.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.apiextensions.schema.CrdValidation;
import dev.keelson.api.apiextensions.schema.Defaulting;
import dev.keelson.api.apiextensions.schema.Pruning;
import dev.keelson.api.apiextensions.schema.SchemaValidator;
import dev.keelson.api.errors.MethodNotAllowedException;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.Times;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.rest.CustomResourceHooks;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource API's custom resource rules, from the served CRDs. */
final class CrdHooks implements CustomResourceHooks {
  static final GroupResource CRDS =
      GroupResource.of("apiextensions.k8s.io", "customresourcedefinitions");

  private final Map<GroupResource, ServedCrd> served;
  private final InstantSource clock;

  CrdHooks(Map<GroupResource, ServedCrd> served, InstantSource clock) {
    this.served = served;
    this.clock = clock;
  }

  private ServedCrd crd(ResourceType type) {
    if (type.javaTypeName() != null) {
      return null;
    }
    return served.get(type.groupResource());
  }

  private JsonNode schema(ResourceType type) {
    ServedCrd crd = crd(type);
    return crd == null ? null : crd.schemas().get(type.version());
  }

  private static boolean isCrd(ResourceType type) {
    return type.groupResource().equals(CRDS);
  }

  @Override
  public boolean handles(ResourceType type) {
    return crd(type) != null;
  }

  @Override
  public List<String> prune(ResourceType type, ObjectNode object, FieldValidation validation) {
    JsonNode schema = schema(type);
    return schema == null ? List.of() : Pruning.prune(schema, object);
  }

  @Override
  public JsonNode openApiSchema(ResourceType type) {
    return schema(type);
  }

  @Override
  public void applyDefaults(ResourceType type, ObjectNode object) {
    if (isCrd(type)) {
      CrdValidation.applyDefaults(object);
      return;
    }
    JsonNode schema = schema(type);
    if (schema != null) {
      Defaulting.apply(schema, object);
    }
  }

  @Override
  public List<FieldError> validate(ResourceType type, ObjectNode object, ObjectNode old) {
    if (isCrd(type)) {
      return old == null
          ? CrdValidation.validate(object)
          : CrdValidation.validateUpdate(object, old);
    }
    JsonNode schema = schema(type);
    return schema == null ? List.of() : SchemaValidator.validate(schema, object);
  }

  @Override
  public ObjectNode toStorage(ResourceType type, ObjectNode object) {
    ServedCrd crd = crd(type);
    if (crd == null || crd.storageVersion().equals(type.version())) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    copy.put("apiVersion", type.group() + "/" + crd.storageVersion());
    return copy;
  }

  @Override
  public ObjectNode fromStorage(ResourceType type, ObjectNode object) {
    ServedCrd crd = crd(type);
    if (crd == null) {
      return object;
    }
    object.put("apiVersion", type.apiVersion()); // conversion strategy None
    JsonNode schema = crd.schemas().get(type.version());
    if (schema != null) {
      Defaulting.apply(schema, object);
    }
    return object;
  }

  @Override
  public Optional<ScalePaths> scalePaths(ResourceType type) {
    ServedCrd crd = crd(type);
    return crd == null ? Optional.empty() : Optional.ofNullable(crd.scale().get(type.version()));
  }

  @Override
  public void beforeDelete(ResourceType type, ObjectNode object) {
    if (!isCrd(type) || object.path("metadata").hasNonNull("deletionTimestamp")) {
      return;
    }
    ObjectNode m = (ObjectNode) object.get("metadata");
    ArrayNode finalizers =
        m.get("finalizers") instanceof ArrayNode a ? a : m.putArray("finalizers");
    boolean present = false;
    for (JsonNode f : finalizers) {
      present |= f.asText().equals(CrdValidation.CLEANUP_FINALIZER);
    }
    if (!present) {
      finalizers.add(CrdValidation.CLEANUP_FINALIZER);
    }
    Conditions.set(
        object,
        "Terminating",
        "True",
        "InstanceDeletionPending",
        "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
        Times.format(clock.instant()));
  }

  @Override
  public void checkCreate(ResourceType type) {
    ServedCrd crd = crd(type);
    if (crd != null && crd.terminating()) {
      throw MethodNotAllowedException.of(
          type.groupResource(),
          "create not allowed while custom resource definition is terminating");
    }
  }
}
