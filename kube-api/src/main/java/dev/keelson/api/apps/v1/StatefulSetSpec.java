package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.PersistentVolumeClaim;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.LabelSelector;
import java.util.List;

/**
 * The desired state of a stateful set.
 *
 * @param volumeClaimTemplates claims created per pod ({@code <template>-<set>-<ordinal>}) and
 *     mounted by name
 * @param serviceName the governing headless service that gives pods their DNS names
 * @param podManagementPolicy {@code OrderedReady} (the default) or {@code Parallel}
 * @param persistentVolumeClaimRetentionPolicy what happens to claims when the set is deleted or
 *     scaled down
 * @param ordinals the number of the first replica
 */
@KubeModel
public record StatefulSetSpec(
    Integer replicas,
    LabelSelector selector,
    PodTemplateSpec template,
    List<PersistentVolumeClaim> volumeClaimTemplates,
    String serviceName,
    String podManagementPolicy,
    StatefulSetUpdateStrategy updateStrategy,
    Integer revisionHistoryLimit,
    Integer minReadySeconds,
    StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy,
    StatefulSetOrdinals ordinals)
    implements StatefulSetSpecBuilder.With {
  public StatefulSetSpec {
    volumeClaimTemplates = Immutable.list(volumeClaimTemplates);
  }
}
