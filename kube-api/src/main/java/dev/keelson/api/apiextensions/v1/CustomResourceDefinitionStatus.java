package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * The observed state of a custom resource definition.
 *
 * @param conditions the CRD's conditions (Established, NamesAccepted, ...). Kubernetes tags this
 *     list {@code listType=map, listMapKey=type} but gives it no {@code patchStrategy}, so a
 *     strategic merge patch replaces it whole; so does ours.
 * @param storedVersions every version objects were ever persisted at
 */
@KubeModel
public record CustomResourceDefinitionStatus(
    List<CustomResourceDefinitionCondition> conditions,
    CustomResourceDefinitionNames acceptedNames,
    List<String> storedVersions,
    Long observedGeneration)
    implements CustomResourceDefinitionStatusBuilder.With {
  public CustomResourceDefinitionStatus {
    conditions = Immutable.list(conditions);
    storedVersions = Immutable.list(storedVersions);
  }
}
