package dev.keelson.scheduler;

import dev.keelson.scheduler.framework.Handle;
import dev.keelson.scheduler.framework.Profile;
import dev.keelson.scheduler.plugins.DefaultPlugins;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The scheduler's settings, with kube-scheduler's defaults.
 *
 * @param schedulerName the {@code spec.schedulerName} of the pods this scheduler takes ({@code
 *     default-scheduler})
 * @param percentageOfNodesToScore the share of nodes to find feasible before scoring; 0 is
 *     kube-scheduler's adaptive default ({@code 50 - nodes/125}, at least 5%, at least 100 nodes)
 * @param parallelism the filter/score workers (the calling thread included)
 * @param bindWorkers the threads binding pods and writing statuses (the binding cycle)
 * @param podInitialBackoff the first backoff of a failed pod (1 s)
 * @param podMaxBackoff the longest backoff (10 s)
 * @param podMaxInUnschedulablePodsDuration how long a pod waits for an event before it is retried
 *     anyway (5 min)
 * @param profile the plugins, built with the scheduler's handle
 */
public record SchedulerConfig(
    String schedulerName,
    int percentageOfNodesToScore,
    int parallelism,
    int bindWorkers,
    Duration podInitialBackoff,
    Duration podMaxBackoff,
    Duration podMaxInUnschedulablePodsDuration,
    Function<Handle, Profile> profile) {

  /** Validates. */
  public SchedulerConfig {
    Objects.requireNonNull(schedulerName, "schedulerName");
    if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
      throw new IllegalArgumentException("percentageOfNodesToScore must be in [0, 100]");
    }
    if (parallelism < 1 || bindWorkers < 1) {
      throw new IllegalArgumentException("parallelism and bindWorkers must be positive");
    }
    Objects.requireNonNull(podInitialBackoff, "podInitialBackoff");
    Objects.requireNonNull(podMaxBackoff, "podMaxBackoff");
    Objects.requireNonNull(podMaxInUnschedulablePodsDuration, "podMaxInUnschedulablePodsDuration");
    Objects.requireNonNull(profile, "profile");
  }

  /** kube-scheduler's defaults (parallelism: the processors, at most 16). */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(
        "default-scheduler",
        0,
        Math.min(16, Runtime.getRuntime().availableProcessors()),
        16,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        DefaultPlugins::profile);
  }

  /** With another profile. */
  public SchedulerConfig withProfile(Function<Handle, Profile> profile) {
    return new SchedulerConfig(
        schedulerName,
        percentageOfNodesToScore,
        parallelism,
        bindWorkers,
        podInitialBackoff,
        podMaxBackoff,
        podMaxInUnschedulablePodsDuration,
        profile);
  }

  /** With another percentage of nodes to score. */
  public SchedulerConfig withPercentageOfNodesToScore(int percentage) {
    return new SchedulerConfig(
        schedulerName,
        percentage,
        parallelism,
        bindWorkers,
        podInitialBackoff,
        podMaxBackoff,
        podMaxInUnschedulablePodsDuration,
        profile);
  }

  /** With another parallelism. */
  public SchedulerConfig withParallelism(int parallelism) {
    return new SchedulerConfig(
        schedulerName,
        percentageOfNodesToScore,
        parallelism,
        bindWorkers,
        podInitialBackoff,
        podMaxBackoff,
        podMaxInUnschedulablePodsDuration,
        profile);
  }
}
