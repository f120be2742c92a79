package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** Describes the attributes on a Namespace. */
@KubeModel
public record NamespaceSpec(List<String> finalizers) implements NamespaceSpecBuilder.With {
  public NamespaceSpec {
    finalizers = Immutable.list(finalizers);
  }
}
