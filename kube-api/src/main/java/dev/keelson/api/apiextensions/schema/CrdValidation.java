package dev.keelson.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.validation.FieldError;
import dev.keelson.api.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation and defaulting of a {@code CustomResourceDefinition} (apiextensions.k8s.io/v1) as
 * kube-apiserver does them: {@code metadata.name} is {@code <plural>.<group>}, the group a DNS
 * subdomain with a dot, the scope {@code Cluster} or {@code Namespaced}, the names lower-case DNS
 * labels (kinds: C identifiers), exactly one storage version and at least one served, a structural
 * schema per version ({@link StructuralSchemas}), printer columns and subresource paths. Works on
 * the JSON tree of the CRD (metadata validation is the generic object-metadata rules' job).
 */
public final class CrdValidation {
  /** The finalizer that holds a deleted CRD until its custom resources are gone. */
  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  private static final Set<String> COLUMN_TYPES =
      Set.of("integer", "number", "string", "boolean", "date");
  private static final Pattern DNS_LABEL = Pattern.compile(Names.DNS1123_LABEL_FMT);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(Names.DNS1123_SUBDOMAIN_FMT);
  private static final Pattern KIND = Pattern.compile(Names.C_IDENTIFIER_FMT);

  private CrdValidation() {}

  /**
   * Sets what kube-apiserver defaults in a CRD's spec: {@code names.singular} (the lower-cased
   * kind), {@code names.listKind} ({@code <kind>List}) and {@code conversion.strategy} ({@code
   * None}).
   */
  public static void applyDefaults(ObjectNode crd) {
    if (!(crd.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (spec.get("names") instanceof ObjectNode names) {
      String kind = names.path("kind").asText("");
      if (!kind.isEmpty()) {
        if (names.path("singular").asText("").isEmpty()) {
          names.put("singular", kind.toLowerCase(Locale.ROOT));
        }
        if (names.path("listKind").asText("").isEmpty()) {
          names.put("listKind", kind + "List");
        }
      }
    }
    if (!(spec.get("conversion") instanceof ObjectNode conversion)) {
      spec.putObject("conversion").put("strategy", "None");
    } else if (conversion.path("strategy").asText("").isEmpty()) {
      conversion.put("strategy", "None");
    }
  }

  /** The errors of a CRD being created; empty if it is valid. */
  public static List<FieldError> validate(JsonNode crd) {
    List<FieldError> e = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    String plural = spec.path("names").path("plural").asText("");
    String name = crd.path("metadata").path("name").asText("");
    if (!name.equals(plural + "." + group)) {
      e.add(
          FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    if (group.isEmpty()) {
      e.add(FieldError.required("spec.group", ""));
    } else {
      if (!DNS_SUBDOMAIN.matcher(group).matches() || group.length() > 253) {
        e.add(
            FieldError.invalid(
                "spec.group",
                group,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                    + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                    + " 'example.com', regex used for validation is '"
                    + Names.DNS1123_SUBDOMAIN_FMT
                    + "')"));
      }
      if (group.split("\\.").length < 2) {
        e.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
      }
    }
    String scope = spec.path("scope").asText("");
    if (scope.isEmpty()) {
      e.add(FieldError.required("spec.scope", ""));
    } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
      e.add(FieldError.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
    }
    validateNames(spec.path("names"), "spec.names", e);
    validateVersions(spec, e);
    String strategy = spec.path("conversion").path("strategy").asText("None");
    if (!strategy.equals("None") && !strategy.equals("Webhook")) {
      e.add(
          FieldError.notSupported(
              "spec.conversion.strategy", strategy, List.of("None", "Webhook")));
    } else if (strategy.equals("Webhook")) {
      e.add(
          FieldError.forbidden(
              "spec.conversion.strategy", "Webhook conversion is not supported by this server"));
    }
    return e;
  }

  /** The errors of an update from {@code old} to {@code crd}; empty if it is valid. */
  public static List<FieldError> validateUpdate(JsonNode crd, JsonNode old) {
    List<FieldError> e = validate(crd);
    String group = crd.path("spec").path("group").asText("");
    String oldGroup = old.path("spec").path("group").asText("");
    if (!group.equals(oldGroup)) {
      e.add(FieldError.invalid("spec.group", group, "field is immutable"));
    }
    String plural = crd.path("spec").path("names").path("plural").asText("");
    String oldPlural = old.path("status").path("acceptedNames").path("plural").asText("");
    if (!oldPlural.isEmpty() && !plural.equals(oldPlural)) {
      e.add(FieldError.invalid("status.acceptedNames.plural", plural, "field is immutable"));
    }
    JsonNode stored = old.path("status").path("storedVersions");
    Set<String> versions = new HashSet<>();
    crd.path("spec").path("versions").forEach(v -> versions.add(v.path("name").asText("")));
    for (JsonNode s : stored) {
      if (!versions.contains(s.asText())) {
        e.add(
            FieldError.invalid(
                "status.storedVersions[" + indexOf(stored, s.asText()) + "]",
                s.asText(),
                "must appear in spec.versions"));
      }
    }
    return e;
  }

  private static int indexOf(JsonNode array, String text) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).asText().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  private static void validateNames(JsonNode names, String path, List<FieldError> e) {
    String plural = names.path("plural").asText("");
    if (plural.isEmpty()) {
      e.add(FieldError.required(path + ".plural", ""));
    } else {
      label(plural, path + ".plural", e);
    }
    String singular = names.path("singular").asText("");
    if (!singular.isEmpty()) {
      label(singular, path + ".singular", e);
    }
    for (int i = 0; i < names.path("shortNames").size(); i++) {
      label(names.path("shortNames").get(i).asText(""), path + ".shortNames[" + i + "]", e);
    }
    for (int i = 0; i < names.path("categories").size(); i++) {
      label(names.path("categories").get(i).asText(""), path + ".categories[" + i + "]", e);
    }
    String kind = names.path("kind").asText("");
    if (kind.isEmpty()) {
      e.add(FieldError.required(path + ".kind", ""));
    } else if (!KIND.matcher(kind).matches()) {
      e.add(
          FieldError.invalid(
              path + ".kind",
              kind,
              "a valid C identifier must start with alphabetic character or '_', followed by a"
                  + " string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or"
                  + " 'MyName', regex used for validation is '"
                  + Names.C_IDENTIFIER_FMT
                  + "')"));
    }
    String listKind = names.path("listKind").asText("");
    if (listKind.isEmpty()) {
      e.add(FieldError.required(path + ".listKind", ""));
    } else if (listKind.equals(kind)) {
      e.add(
          FieldError.invalid(
              path + ".listKind", listKind, "kind and listKind may not be the same"));
    }
  }

  private static void label(String value, String path, List<FieldError> e) {
    if (!DNS_LABEL.matcher(value).matches() || value.length() > 63) {
      e.add(
          FieldError.invalid(
              path,
              value,
              "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                  + " '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
                  + " or '123-abc', regex used for validation is '"
                  + Names.DNS1123_LABEL_FMT
                  + "')"));
    }
  }

  private static void validateVersions(JsonNode spec, List<FieldError> e) {
    JsonNode versions = spec.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      e.add(
          FieldError.invalid(
              "spec.versions",
              List.of(),
              "must have exactly one version marked as storage version"));
      return;
    }
    int storage = 0;
    boolean served = false;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      String path = "spec.versions[" + i + "]";
      String name = v.path("name").asText("");
      if (name.isEmpty()) {
        e.add(FieldError.required(path + ".name", ""));
      } else {
        label(name, path + ".name", e);
        if (!seen.add(name)) {
          e.add(FieldError.duplicate(path + ".name", name));
        }
      }
      storage += v.path("storage").asBoolean(false) ? 1 : 0;
      served |= v.path("served").asBoolean(false);
      JsonNode schema = v.path("schema").get("openAPIV3Schema");
      e.addAll(StructuralSchemas.validate(schema, path + ".schema.openAPIV3Schema"));
      JsonNode columns = v.path("additionalPrinterColumns");
      for (int c = 0; c < columns.size(); c++) {
        JsonNode col = columns.get(c);
        String cpath = path + ".additionalPrinterColumns[" + c + "]";
        if (col.path("name").asText("").isEmpty()) {
          e.add(FieldError.required(cpath + ".name", ""));
        }
        String type = col.path("type").asText("");
        if (type.isEmpty()) {
          e.add(FieldError.required(cpath + ".type", ""));
        } else if (!COLUMN_TYPES.contains(type)) {
          e.add(
              FieldError.notSupported(
                  cpath + ".type",
                  type,
                  List.of("integer", "number", "string", "boolean", "date")));
        }
        if (col.path("jsonPath").asText("").isEmpty()) {
          e.add(FieldError.required(cpath + ".jsonPath", ""));
        }
      }
      JsonNode scale = v.path("subresources").get("scale");
      if (scale != null && scale.isObject()) {
        String spath = path + ".subresources.scale";
        String specPath = scale.path("specReplicasPath").asText("");
        if (specPath.isEmpty()) {
          e.add(FieldError.required(spath + ".specReplicasPath", ""));
        } else if (!specPath.startsWith(".spec.")) {
          e.add(
              FieldError.invalid(
                  spath + ".specReplicasPath", specPath, "should be a json path under .spec"));
        }
        String statusPath = scale.path("statusReplicasPath").asText("");
        if (statusPath.isEmpty()) {
          e.add(FieldError.required(spath + ".statusReplicasPath", ""));
        } else if (!statusPath.startsWith(".status.")) {
          e.add(
              FieldError.invalid(
                  spath + ".statusReplicasPath",
                  statusPath,
                  "should be a json path under .status"));
        }
        String selector = scale.path("labelSelectorPath").asText("");
        if (!selector.isEmpty()
            && !selector.startsWith(".spec.")
            && !selector.startsWith(".status.")) {
          e.add(
              FieldError.invalid(
                  spath + ".labelSelectorPath",
                  selector,
                  "should be a json path under either .spec or .status"));
        }
      }
    }
    if (storage != 1) {
      e.add(
          FieldError.invalid(
              "spec.versions", storage, "must have exactly one version marked as storage version"));
    }
    if (!served) {
      e.add(FieldError.invalid("spec.versions", "", "must have at least one served version"));
    }
  }
}
