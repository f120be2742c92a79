package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * What a custom resource definition declares: group, names, scope, versions and conversion.
 *
 * @param scope {@code Namespaced} or {@code Cluster}
 * @param versions the served versions; exactly one is the storage version
 * @param preserveUnknownFields legacy pruning switch; must be false or absent in
 *     apiextensions.k8s.io/v1
 */
@KubeModel
public record CustomResourceDefinitionSpec(
    String group,
    CustomResourceDefinitionNames names,
    String scope,
    List<CustomResourceDefinitionVersion> versions,
    CustomResourceConversion conversion,
    Boolean preserveUnknownFields)
    implements CustomResourceDefinitionSpecBuilder.With {
  public CustomResourceDefinitionSpec {
    versions = Immutable.list(versions);
  }
}
