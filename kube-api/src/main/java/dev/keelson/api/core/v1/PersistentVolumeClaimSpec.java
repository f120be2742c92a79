package dev.keelson.api.core.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/**
 * Describes the common attributes of storage devices and allows a Source for provider-specific
 * attributes
 */
@KubeModel
public record PersistentVolumeClaimSpec(
    List<String> accessModes,
    LabelSelector selector,
    VolumeResourceRequirements resources,
    String volumeName,
    // *string in Go: "" (no class: no dynamic provisioning) differs from absent (the default class)
    @JsonInclude(JsonInclude.Include.NON_NULL) String storageClassName,
    String volumeMode,
    TypedLocalObjectReference dataSource,
    TypedObjectReference dataSourceRef,
    String volumeAttributesClassName)
    implements PersistentVolumeClaimSpecBuilder.With {
  public PersistentVolumeClaimSpec {
    accessModes = Immutable.list(accessModes);
  }
}
