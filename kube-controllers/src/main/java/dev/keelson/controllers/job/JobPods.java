package dev.keelson.controllers.job;

import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.EnvVarSource;
import dev.keelson.api.core.v1.EnvVarSourceBuilder;
import dev.keelson.api.core.v1.ObjectFieldSelector;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.controllers.support.ControllerRefs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Job pods: how they are made, and what the controller reads back from them. */
public final class JobPods {
  /** The finalizer that keeps a finished pod until the controller has counted it. */
  public static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";

  /** The label and annotation with an Indexed job pod's completion index. */
  public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

  /** The label with the job's uid (the server adds it to the template). */
  public static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

  /** The label with the job's name (the server adds it to the template). */
  public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

  /** The environment variable with the completion index. */
  public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

  private JobPods() {}

  /**
   * A pod of {@code job}: the template with the job's labels, the tracking finalizer and a
   * controller reference; for an Indexed job ({@code index >= 0}) also the completion index label,
   * annotation and environment variable, and the hostname {@code <job>-<index>}.
   */
  static Pod newPod(Job job, int index) {
    PodTemplateSpec template = job.spec().template();
    ObjectMeta t = template.metadata();
    String name = job.metadata().name();
    Map<String, String> labels = new LinkedHashMap<>(t == null ? Map.of() : t.labels());
    labels.putIfAbsent(JOB_NAME_LABEL, name);
    labels.putIfAbsent(CONTROLLER_UID_LABEL, job.metadata().uid());
    Map<String, String> annotations = new LinkedHashMap<>(t == null ? Map.of() : t.annotations());
    PodSpec spec = template.spec();
    String generateName = name + "-";
    if (index >= 0) {
      labels.put(COMPLETION_INDEX, Integer.toString(index));
      annotations.put(COMPLETION_INDEX, Integer.toString(index));
      generateName = name + "-" + index + "-";
      if (spec.hostname() == null || spec.hostname().isEmpty()) {
        spec = spec.withHostname(name + "-" + index);
      }
      spec =
          spec.withInitContainers(withIndexEnv(spec.initContainers()))
              .withContainers(withIndexEnv(spec.containers()));
    }
    List<String> finalizers = new ArrayList<>(t == null ? List.of() : t.finalizers());
    if (!finalizers.contains(TRACKING_FINALIZER)) {
      finalizers.add(TRACKING_FINALIZER);
    }
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .generateName(generateName)
            .namespace(job.metadata().namespace())
            .labels(labels)
            .annotations(annotations)
            .finalizers(finalizers)
            .ownerReferences(List.of(ControllerRefs.of(job)))
            .build();
    return new Pod(null, null, meta, spec, null);
  }

  private static List<Container> withIndexEnv(List<Container> containers) {
    List<Container> out = new ArrayList<>(containers.size());
    EnvVarSource source =
        EnvVarSourceBuilder.builder()
            .fieldRef(new ObjectFieldSelector(null, "metadata.labels['" + COMPLETION_INDEX + "']"))
            .build();
    for (Container c : containers) {
      boolean has = c.env().stream().anyMatch(e -> INDEX_ENV.equals(e.name()));
      if (has) {
        out.add(c);
        continue;
      }
      List<EnvVar> env = new ArrayList<>(c.env());
      env.add(new EnvVar(INDEX_ENV, null, source));
      out.add(c.withEnv(env));
    }
    return out;
  }

  /** The completion index of a pod (annotation, else label), or -1. */
  public static int index(Pod pod) {
    String v = pod.metadata().annotation(COMPLETION_INDEX);
    if (v == null) {
      v = pod.metadata().label(COMPLETION_INDEX);
    }
    if (v == null) {
      return -1;
    }
    try {
      int i = Integer.parseInt(v);
      return i < 0 ? -1 : i;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether the pod carries the tracking finalizer. */
  static boolean tracked(Pod pod) {
    return pod.metadata().finalizers().contains(TRACKING_FINALIZER);
  }

  /** When the pod finished: its containers' latest finishedAt, or {@code fallback}. */
  static Instant finishedAt(Pod pod, Instant fallback) {
    Instant last = null;
    if (pod.status() != null) {
      for (ContainerStatus cs : pod.status().containerStatuses()) {
        if (cs.state() != null && cs.state().terminated() != null) {
          Instant f = cs.state().terminated().finishedAt();
          if (f != null && (last == null || f.isAfter(last))) {
            last = f;
          }
        }
      }
    }
    return last != null ? last : fallback;
  }

  /** The pod's phase, or {@code null}. */
  static String phase(Pod pod) {
    return pod.status() == null ? null : pod.status().phase();
  }
}
