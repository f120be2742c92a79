package dev.keelson.controllers.statefulset;

import dev.keelson.api.apps.v1.StatefulSet;
import dev.keelson.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.keelson.api.core.v1.PersistentVolumeClaim;
import dev.keelson.api.core.v1.PersistentVolumeClaimVolumeSource;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.core.v1.Volume;
import dev.keelson.api.core.v1.VolumeBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.meta.OwnerReference;
import dev.keelson.controllers.support.ControllerRefs;
import dev.keelson.controllers.support.ControllerRevisions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The identity of a StatefulSet's pods: names, labels, hostname and claims per ordinal. */
public final class StatefulPods {
  /** The label with the pod's name, for per-pod Services. */
  public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

  /** The label with the pod's ordinal. */
  public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private StatefulPods() {}

  /** The name of the pod of {@code set} at {@code ordinal}: {@code <set>-<ordinal>}. */
  public static String podName(String set, int ordinal) {
    return set + "-" + ordinal;
  }

  /** The name of a claim: {@code <template>-<set>-<ordinal>}. */
  public static String claimName(String template, String set, int ordinal) {
    return template + "-" + podName(set, ordinal);
  }

  /** The ordinal of {@code pod} in the set named {@code set}, or -1 if its name has none. */
  public static int ordinal(String set, Pod pod) {
    String name = pod.metadata().name();
    if (name == null || !name.startsWith(set + "-")) {
      return -1;
    }
    String suffix = name.substring(set.length() + 1);
    if (suffix.isEmpty() || suffix.length() > 9 || !suffix.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    if (suffix.length() > 1 && suffix.charAt(0) == '0') {
      return -1;
    }
    return Integer.parseInt(suffix);
  }

  /** The pod at {@code ordinal} from {@code template}, labelled with {@code revision}. */
  static Pod newPod(StatefulSet set, PodTemplateSpec template, int ordinal, String revision) {
    String name = podName(set.metadata().name(), ordinal);
    ObjectMeta t = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(t == null ? Map.of() : t.labels());
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(ControllerRevisions.POD_REVISION_LABEL, revision);
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .name(name)
            .namespace(set.metadata().namespace())
            .labels(labels)
            .annotations(t == null ? Map.of() : t.annotations())
            .ownerReferences(List.of(ControllerRefs.of(set)))
            .build();
    PodSpec spec = template.spec();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (Volume v : spec.volumes()) {
      volumes.put(v.name(), v);
    }
    for (PersistentVolumeClaim claim : set.spec().volumeClaimTemplates()) {
      String template1 = claim.metadata().name();
      volumes.put(
          template1,
          VolumeBuilder.builder()
              .name(template1)
              .persistentVolumeClaim(
                  new PersistentVolumeClaimVolumeSource(
                      claimName(template1, set.metadata().name(), ordinal), null))
              .build());
    }
    spec = spec.withVolumes(new ArrayList<>(volumes.values())).withHostname(name);
    if (set.spec().serviceName() != null && !set.spec().serviceName().isEmpty()) {
      spec = spec.withSubdomain(set.spec().serviceName());
    }
    return new Pod(null, null, meta, spec, null);
  }

  /**
   * The claims of the pod at {@code ordinal}: each volumeClaimTemplate named {@code
   * <template>-<set>-<ordinal>}, labelled with the template's and the set selector's labels; owned
   * by the set when {@code whenDeleted: Delete}.
   */
  static List<PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
    List<PersistentVolumeClaim> out = new ArrayList<>();
    Map<String, String> selectorLabels =
        set.spec().selector() == null ? Map.of() : set.spec().selector().matchLabels();
    StatefulSetPersistentVolumeClaimRetentionPolicy policy =
        set.spec().persistentVolumeClaimRetentionPolicy();
    boolean ownedBySet = policy != null && "Delete".equals(policy.whenDeleted());
    for (PersistentVolumeClaim template : set.spec().volumeClaimTemplates()) {
      ObjectMeta tm = template.metadata();
      Map<String, String> labels = new HashMap<>(tm.labels());
      labels.putAll(selectorLabels);
      List<OwnerReference> owners =
          ownedBySet ? List.of(ControllerRefs.of(set).withController(null)) : List.of();
      ObjectMeta meta =
          ObjectMetaBuilder.builder()
              .name(claimName(tm.name(), set.metadata().name(), ordinal))
              .namespace(set.metadata().namespace())
              .labels(labels)
              .annotations(tm.annotations())
              .ownerReferences(owners)
              .build();
      out.add(new PersistentVolumeClaim(null, null, meta, template.spec(), null));
    }
    return out;
  }
}
