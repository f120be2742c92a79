package dev.keelson.apiserver.openapi;

import dev.keelson.api.GroupVersionKind;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The names Kubernetes gives schemas in {@code components.schemas}. */
final class SchemaNames {
  private SchemaNames() {}

  static final String PREFIX = "#/components/schemas/";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String OBJECT_META = META + "ObjectMeta";
  static final String LIST_META = META + "ListMeta";
  static final String STATUS = META + "Status";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String PATCH = META + "Patch";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

  /**
   * The Kubernetes name of a model record: {@code dev.keelson.api.core.v1.Pod ->
   * io.k8s.api.core.v1.Pod}, {@code dev.keelson.api.meta.ObjectMeta ->
   * io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}, {@code dev.keelson.api.apiextensions.v1.X ->
   * io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.X}; other classes keep their Java
   * name.
   */
  static String of(Class<?> type) {
    String pkg = type.getPackageName();
    String simple = type.getSimpleName();
    String base = "dev.keelson.api.";
    if (pkg.equals(base + "meta")) {
      return META + simple;
    }
    if (pkg.startsWith(base + "apiextensions.")) {
      return "io.k8s.apiextensions-apiserver.pkg.apis."
          + pkg.substring(base.length())
          + "."
          + simple;
    }
    if (pkg.startsWith(base) && pkg.indexOf('.', base.length()) > 0) {
      return "io.k8s.api." + pkg.substring(base.length()) + "." + simple;
    }
    return type.getName();
  }

  /** The name of a custom resource's schema: the group reversed, as Kubernetes names them. */
  static String ofCustomResource(GroupVersionKind gvk) {
    List<String> labels = Arrays.asList(gvk.group().split("\\."));
    Collections.reverse(labels);
    return String.join(".", labels) + "." + gvk.version() + "." + gvk.kind();
  }

  static String ref(String name) {
    return PREFIX + name;
  }
}
