package dev.keelson.api.validation;

import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validation of {@code metadata}, as Kubernetes does it for built-in kinds ({@code
 * ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} of {@code pkg/apis/core/validation},
 * which add the finalizer-name check to apimachinery's rules).
 *
 * <p>An instance holds the rules of one resource: whether it is namespaced and how its names look
 * ({@link NameValidator}). It is itself a {@link Validator} of objects' metadata. The static
 * methods validate single parts and can be used on their own.
 *
 * <p><b>Name generation.</b> An object with a {@code generateName} and no {@code name} is accepted
 * (the prefix is checked instead): the server generates the name afterwards. Kubernetes generates
 * first and validates the result; a server doing the same gets identical results.
 */
public final class ObjectMetaValidation implements Validator<KubernetesObject> {
  /** Maximum total size of annotation keys and values: 256 KiB. */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

  /** {@code field is immutable}. */
  public static final String FIELD_IMMUTABLE = "field is immutable";

  /** The finalizers that need no domain prefix. */
  public static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", "orphan", "foregroundDeletion");

  private static final GroupVersionKind BANNED_OWNER = new GroupVersionKind("", "v1", "Event");

  private final boolean namespaced;
  private final NameValidator names;
  private final boolean requireQualifiedFinalizers;
  private final FieldPath root;

  private ObjectMetaValidation(
      boolean namespaced, NameValidator names, boolean requireQualifiedFinalizers) {
    this.namespaced = namespaced;
    this.names = Objects.requireNonNull(names, "names");
    this.requireQualifiedFinalizers = requireQualifiedFinalizers;
    this.root = FieldPath.root("metadata");
  }

  /**
   * The rules of a built-in resource: finalizers without a {@code /} must be one of {@link
   * #STANDARD_FINALIZERS}.
   */
  public static ObjectMetaValidation of(boolean namespaced, NameValidator names) {
    return new ObjectMetaValidation(namespaced, names, true);
  }

  /**
   * The same rules without the fully-qualified finalizer check: apimachinery's generic rules, used
   * for custom resources.
   */
  public ObjectMetaValidation allowingUnqualifiedFinalizers() {
    return new ObjectMetaValidation(namespaced, names, false);
  }

  @Override
  public List<FieldError> validate(KubernetesObject object) {
    return validate(object.metadata());
  }

  @Override
  public List<FieldError> validateUpdate(KubernetesObject newObject, KubernetesObject oldObject) {
    return validateUpdate(newObject.metadata(), oldObject.metadata());
  }

  /** The problems of {@code meta} on create, at {@code metadata.*}. */
  public List<FieldError> validate(ObjectMeta meta) {
    List<FieldError> errs = new ArrayList<>();
    if (meta == null) {
      errs.add(FieldError.required(root.toString(), ""));
      return errs;
    }
    String name = nullToEmpty(meta.name());
    String generateName = nullToEmpty(meta.generateName());
    if (!generateName.isEmpty()) {
      errs.addAll(
          Names.invalid(
              root.child("generateName"), generateName, names.validate(generateName, true)));
    }
    if (name.isEmpty()) {
      if (generateName.isEmpty()) {
        errs.add(
            FieldError.required(root.child("name").toString(), "name or generateName is required"));
      }
    } else {
      errs.addAll(Names.invalid(root.child("name"), name, names.validate(name, false)));
    }
    String namespace = nullToEmpty(meta.namespace());
    if (namespaced) {
      if (namespace.isEmpty()) {
        errs.add(FieldError.required(root.child("namespace").toString(), ""));
      } else {
        errs.addAll(
            Names.invalid(
                root.child("namespace"),
                namespace,
                NameValidator.DNS_LABEL.validate(namespace, false)));
      }
    } else if (!namespace.isEmpty()) {
      errs.add(
          FieldError.forbidden(root.child("namespace").toString(), "not allowed on this type"));
    }
    if (meta.generation() != null) {
      errs.addAll(validateNonnegative(meta.generation(), root.child("generation")));
    }
    errs.addAll(validateLabels(meta.labels(), root.child("labels")));
    errs.addAll(validateAnnotations(meta.annotations(), root.child("annotations")));
    errs.addAll(validateOwnerReferences(meta.ownerReferences(), root.child("ownerReferences")));
    errs.addAll(finalizers(meta.finalizers()));
    return List.copyOf(errs);
  }

  /** The problems of {@code newMeta} replacing {@code oldMeta}, at {@code metadata.*}. */
  public List<FieldError> validateUpdate(ObjectMeta newMeta, ObjectMeta oldMeta) {
    List<FieldError> errs = new ArrayList<>();
    if (newMeta == null) {
      errs.add(FieldError.required(root.toString(), ""));
      return errs;
    }
    if (oldMeta == null) {
      oldMeta = ObjectMeta.named(null);
    }
    if (oldMeta.deletionTimestamp() != null) {
      errs.addAll(
          validateNoNewFinalizers(
              newMeta.finalizers(), oldMeta.finalizers(), root.child("finalizers")));
    }
    if (nullToEmpty(newMeta.resourceVersion()).isEmpty()) {
      errs.add(
          FieldError.invalid(
              root.child("resourceVersion").toString(),
              nullToEmpty(newMeta.resourceVersion()),
              "must be specified for an update"));
    }
    long newGeneration = newMeta.generation() == null ? 0 : newMeta.generation();
    long oldGeneration = oldMeta.generation() == null ? 0 : oldMeta.generation();
    if (newGeneration < oldGeneration) {
      errs.add(
          FieldError.invalid(
              root.child("generation").toString(), newGeneration, "must not be decremented"));
    }
    errs.addAll(
        validateImmutable(
            nullToEmpty(newMeta.name()), nullToEmpty(oldMeta.name()), root.child("name")));
    errs.addAll(
        validateImmutable(
            nullToEmpty(newMeta.namespace()),
            nullToEmpty(oldMeta.namespace()),
            root.child("namespace")));
    errs.addAll(
        validateImmutable(
            nullToEmpty(newMeta.uid()), nullToEmpty(oldMeta.uid()), root.child("uid")));
    errs.addAll(
        validateImmutable(
            text(newMeta.creationTimestamp()),
            text(oldMeta.creationTimestamp()),
            root.child("creationTimestamp")));
    errs.addAll(
        validateImmutable(
            text(newMeta.deletionTimestamp()),
            text(oldMeta.deletionTimestamp()),
            root.child("deletionTimestamp")));
    errs.addAll(
        validateImmutable(
            newMeta.deletionGracePeriodSeconds(),
            oldMeta.deletionGracePeriodSeconds(),
            root.child("deletionGracePeriodSeconds")));
    errs.addAll(validateLabels(newMeta.labels(), root.child("labels")));
    errs.addAll(validateAnnotations(newMeta.annotations(), root.child("annotations")));
    errs.addAll(validateOwnerReferences(newMeta.ownerReferences(), root.child("ownerReferences")));
    errs.addAll(finalizers(newMeta.finalizers()));
    return List.copyOf(errs);
  }

  private List<FieldError> finalizers(List<String> finalizers) {
    List<FieldError> errs =
        new ArrayList<>(validateFinalizers(finalizers, root.child("finalizers")));
    if (requireQualifiedFinalizers) {
      for (int i = 0; i < finalizers.size(); i++) {
        String f = finalizers.get(i);
        if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
          errs.add(
              FieldError.invalid(
                  root.child("finalizers").index(i).toString(),
                  f,
                  "name is neither a standard finalizer name nor is it fully qualified"));
        }
      }
    }
    return errs;
  }

  // ---- the parts, usable on their own

  /** Label keys must be qualified names, values valid label values; errors at {@code path}. */
  public static List<FieldError> validateLabels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      errs.addAll(Names.validateQualifiedName(e.getKey(), path));
      errs.addAll(Names.validateLabelValue(e.getValue(), path));
    }
    return errs;
  }

  /**
   * Annotation keys must be qualified names (case-insensitively), and keys plus values may total at
   * most {@link #TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes.
   */
  public static List<FieldError> validateAnnotations(
      Map<String, String> annotations, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String key = e.getKey();
      errs.addAll(Names.invalid(path, key, Names.isQualifiedName(key.toLowerCase(Locale.ROOT))));
      total += Names.len(key) + Names.len(e.getValue());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
      errs.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              path.toString(),
              "",
              "must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT_BYTES + " bytes"));
    }
    return errs;
  }

  /**
   * Each reference needs apiVersion (with a version), kind, name and uid; a {@code v1 Event} may
   * not own anything; at most one reference may be the controller.
   */
  public static List<FieldError> validateOwnerReferences(
      List<OwnerReference> refs, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String firstController = null;
    for (OwnerReference ref : refs) {
      String apiVersion = nullToEmpty(ref.apiVersion());
      String kind = nullToEmpty(ref.kind());
      GroupVersionKind gvk = GroupVersionKind.of(apiVersion, kind);
      if (gvk.version().isEmpty()) {
        errs.add(
            FieldError.invalid(
                path.child("apiVersion").toString(), apiVersion, "version must not be empty"));
      }
      if (kind.isEmpty()) {
        errs.add(FieldError.invalid(path.child("kind").toString(), kind, "must not be empty"));
      }
      if (nullToEmpty(ref.name()).isEmpty()) {
        errs.add(FieldError.invalid(path.child("name").toString(), "", "must not be empty"));
      }
      if (nullToEmpty(ref.uid()).isEmpty()) {
        errs.add(FieldError.invalid(path.child("uid").toString(), "", "must not be empty"));
      }
      if (gvk.equals(BANNED_OWNER)) {
        errs.add(
            FieldError.invalid(
                path.toString(),
                ref,
                gvk.group()
                    + "/"
                    + gvk.version()
                    + ", Kind="
                    + gvk.kind()
                    + " is disallowed from being an owner"));
      }
      if (Boolean.TRUE.equals(ref.controller())) {
        String current = kind + "/" + nullToEmpty(ref.name());
        if (firstController != null) {
          errs.add(
              FieldError.invalid(
                  path.toString(),
                  refs,
                  "Only one reference can have Controller set to true. Found \"true\" in"
                      + " references for "
                      + firstController
                      + " and "
                      + current));
        } else {
          firstController = current;
        }
      }
    }
    return errs;
  }

  /**
   * Finalizers must be qualified names, and {@code orphan} and {@code foregroundDeletion} exclude
   * each other; errors at {@code path}.
   */
  public static List<FieldError> validateFinalizers(List<String> finalizers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String f : finalizers) {
      errs.addAll(Names.validateQualifiedName(f, path));
    }
    if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
      errs.add(
          FieldError.invalid(
              path.toString(),
              finalizers,
              "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    return errs;
  }

  /** While an object is being deleted, finalizers may be removed but not added. */
  public static List<FieldError> validateNoNewFinalizers(
      List<String> newFinalizers, List<String> oldFinalizers, FieldPath path) {
    TreeSet<String> extra = new TreeSet<>(newFinalizers);
    extra.removeAll(oldFinalizers);
    if (extra.isEmpty()) {
      return List.of();
    }
    StringBuilder list = new StringBuilder("[]string{");
    boolean first = true;
    for (String f : extra) {
      list.append(first ? "" : ", ").append('"').append(f).append('"');
      first = false;
    }
    list.append('}');
    return List.of(
        FieldError.forbidden(
            path.toString(),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + list));
  }

  /** {@code Invalid value: <new>: field is immutable} unless the values are equal. */
  public static List<FieldError> validateImmutable(
      Object newValue, Object oldValue, FieldPath path) {
    if (Objects.equals(newValue, oldValue)) {
      return List.of();
    }
    return List.of(FieldError.invalid(path.toString(), newValue, FIELD_IMMUTABLE));
  }

  /** {@code must be greater than or equal to 0} for a negative value. */
  public static List<FieldError> validateNonnegative(long value, FieldPath path) {
    if (value >= 0) {
      return List.of();
    }
    return List.of(
        FieldError.invalid(path.toString(), value, "must be greater than or equal to 0"));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
