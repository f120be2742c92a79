package dev.keelson.api.validation;

import dev.keelson.api.core.v1.Namespace;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation of {@code core/v1} Namespaces: cluster-scoped, named by a DNS-1123 label, and {@code
 * spec.finalizers} qualified names that are fully qualified unless standard ({@code kubernetes}).
 */
public final class NamespaceValidation implements Validator<Namespace> {
  private static final ObjectMetaValidation META =
      ObjectMetaValidation.of(false, NameValidator.DNS_LABEL);

  @Override
  public List<FieldError> validate(Namespace ns) {
    List<FieldError> errs = new ArrayList<>(META.validate(ns.metadata()));
    errs.addAll(specFinalizers(ns));
    return List.copyOf(errs);
  }

  @Override
  public List<FieldError> validateUpdate(Namespace n, Namespace o) {
    List<FieldError> errs = new ArrayList<>(META.validateUpdate(n.metadata(), o.metadata()));
    errs.addAll(specFinalizers(n));
    return List.copyOf(errs);
  }

  private static List<FieldError> specFinalizers(Namespace ns) {
    List<FieldError> errs = new ArrayList<>();
    if (ns.spec() == null) {
      return errs;
    }
    FieldPath path = FieldPath.root("spec").child("finalizers");
    for (String f : ns.spec().finalizers()) {
      errs.addAll(Names.validateQualifiedName(f, path));
      if (!f.contains("/") && !ObjectMetaValidation.STANDARD_FINALIZERS.contains(f)) {
        errs.add(
            FieldError.invalid(
                path.toString(),
                f,
                "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }
}
