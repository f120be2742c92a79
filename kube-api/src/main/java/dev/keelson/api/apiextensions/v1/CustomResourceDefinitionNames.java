package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * The names of a custom resource: resource names, kind and list kind, short names and categories.
 *
 * @param plural the resource name in URLs, e.g. {@code crontabs}
 * @param categories groupings such as {@code all} that {@code kubectl get <category>} expands
 */
@KubeModel
public record CustomResourceDefinitionNames(
    String plural,
    String singular,
    List<String> shortNames,
    String kind,
    String listKind,
    List<String> categories)
    implements CustomResourceDefinitionNamesBuilder.With {
  public CustomResourceDefinitionNames {
    shortNames = Immutable.list(shortNames);
    categories = Immutable.list(categories);
  }
}
