package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * One version of a custom resource: whether it is served and stored, its schema, subresources and
 * printer columns.
 *
 * @param storage whether objects are persisted at this version (exactly one version is)
 * @param deprecationWarning overrides the default warning returned to clients of a deprecated
 *     version
 */
@KubeModel
public record CustomResourceDefinitionVersion(
    String name,
    Boolean served,
    Boolean storage,
    Boolean deprecated,
    String deprecationWarning,
    CustomResourceValidation schema,
    CustomResourceSubresources subresources,
    List<CustomResourceColumnDefinition> additionalPrinterColumns,
    List<SelectableField> selectableFields)
    implements CustomResourceDefinitionVersionBuilder.With {
  public CustomResourceDefinitionVersion {
    additionalPrinterColumns = Immutable.list(additionalPrinterColumns);
    selectableFields = Immutable.list(selectableFields);
  }
}
