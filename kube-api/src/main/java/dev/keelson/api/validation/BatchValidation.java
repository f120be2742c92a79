package dev.keelson.api.validation;

import static dev.keelson.api.validation.AppsValidation.nonnegative;

import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.CronJobSpec;
import dev.keelson.api.batch.v1.JobSpec;
import dev.keelson.api.batch.v1.JobTemplateSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation of the {@code batch/v1} specs, after Kubernetes' {@code pkg/apis/batch/validation}:
 * Job (counts, deadlines, completion mode, pod replacement policy, selector matching the template)
 * and CronJob (schedule syntax, time zone, concurrency policy, history limits, starting deadline,
 * the job template, name length). The pod template itself is validated with {@link
 * PodValidation#validateTemplate}.
 */
public final class BatchValidation {
  /** The supported completion modes. */
  public static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");

  /** The supported concurrency policies. */
  public static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");

  private static final int MAX_INDEXED_PARALLELISM = 100_000;
  private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z._+\\-0-9]+");

  private BatchValidation() {}

  /** A Job's spec ({@code ValidateJobSpec}): the common rules and the selector. */
  public static List<FieldError> jobSpec(JobSpec spec) {
    FieldPath path = FieldPath.root("spec");
    if (spec == null) {
      return List.of(FieldError.required("spec", ""));
    }
    List<FieldError> errs = new ArrayList<>(common(spec, path));
    errs.addAll(
        LabelSelectorValidation.workloadAllowingEmpty(
            spec.selector(),
            AppsValidation.templateLabels(spec.template()),
            path.child("selector"),
            path.child("template", "metadata", "labels")));
    return errs;
  }

  /** A CronJob ({@code ValidateCronJobCreate} without the metadata). */
  public static List<FieldError> cronJob(CronJob cronJob, boolean update) {
    List<FieldError> errs = new ArrayList<>();
    String name = cronJob.metadata() == null ? null : cronJob.metadata().name();
    if (!update && name != null && name.length() > 52) {
      errs.add(FieldError.invalid("metadata.name", name, "must be no more than 52 characters"));
    }
    errs.addAll(cronJobSpec(cronJob.spec(), update));
    return errs;
  }

  /** A CronJob's spec ({@code ValidateCronJobSpec}). */
  public static List<FieldError> cronJobSpec(CronJobSpec spec, boolean update) {
    FieldPath path = FieldPath.root("spec");
    List<FieldError> errs = new ArrayList<>();
    if (spec == null) {
      errs.add(FieldError.required("spec", ""));
      return errs;
    }
    String schedule = spec.schedule() == null ? "" : spec.schedule();
    FieldPath sp = path.child("schedule");
    if (schedule.isEmpty()) {
      errs.add(FieldError.required(sp.toString(), ""));
    } else {
      Optional<String> e = CronSchedule.error(schedule);
      e.ifPresent(msg -> errs.add(FieldError.invalid(sp.toString(), schedule, msg)));
      if (schedule.contains("TZ")) {
        if (spec.timeZone() != null) {
          errs.add(
              FieldError.invalid(
                  sp.toString(),
                  schedule,
                  "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if (!update) {
          errs.add(
              FieldError.invalid(
                  sp.toString(),
                  schedule,
                  "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
      }
    }
    if (spec.timeZone() != null) {
      errs.addAll(timeZone(spec.timeZone(), path.child("timeZone")));
    }
    if (spec.startingDeadlineSeconds() != null) {
      nonnegative(errs, spec.startingDeadlineSeconds(), path.child("startingDeadlineSeconds"));
    }
    String policy = spec.concurrencyPolicy();
    if (policy != null) {
      if (policy.isEmpty()) {
        errs.add(FieldError.required(path.child("concurrencyPolicy").toString(), ""));
      } else if (!CONCURRENCY_POLICIES.contains(policy)) {
        errs.add(
            FieldError.notSupported(
                path.child("concurrencyPolicy").toString(), policy, CONCURRENCY_POLICIES));
      }
    }
    nonnegative(errs, spec.successfulJobsHistoryLimit(), path.child("successfulJobsHistoryLimit"));
    nonnegative(errs, spec.failedJobsHistoryLimit(), path.child("failedJobsHistoryLimit"));
    JobTemplateSpec template = spec.jobTemplate();
    FieldPath tp = path.child("jobTemplate");
    if (template == null || template.spec() == null) {
      errs.add(FieldError.required(tp.child("spec").toString(), ""));
      return errs;
    }
    JobSpec job = template.spec();
    errs.addAll(common(job, tp.child("spec")));
    if (job.selector() != null) {
      errs.add(
          FieldError.invalid(
              tp.child("spec", "selector").toString(),
              job.selector(),
              "`selector` will be auto-generated"));
    }
    if (Boolean.TRUE.equals(job.manualSelector())) {
      errs.add(
          FieldError.notSupported(
              tp.child("spec", "manualSelector").toString(), true, List.of("nil", "false")));
    }
    return errs;
  }

  /** The rules every job spec shares ({@code validateJobSpec}). */
  private static List<FieldError> common(JobSpec spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    nonnegative(errs, spec.parallelism(), path.child("parallelism"));
    nonnegative(errs, spec.completions(), path.child("completions"));
    nonnegative(errs, spec.activeDeadlineSeconds(), path.child("activeDeadlineSeconds"));
    nonnegative(errs, spec.backoffLimit(), path.child("backoffLimit"));
    nonnegative(errs, spec.ttlSecondsAfterFinished(), path.child("ttlSecondsAfterFinished"));
    nonnegative(errs, spec.backoffLimitPerIndex(), path.child("backoffLimitPerIndex"));
    nonnegative(errs, spec.maxFailedIndexes(), path.child("maxFailedIndexes"));
    String mode = spec.completionMode();
    if (mode != null) {
      if (!COMPLETION_MODES.contains(mode)) {
        errs.add(
            FieldError.notSupported(
                path.child("completionMode").toString(), mode, COMPLETION_MODES));
      } else if (mode.equals("Indexed")) {
        if (spec.completions() == null) {
          errs.add(
              FieldError.required(
                  path.child("completions").toString(), "when completion mode is Indexed"));
        }
        if (spec.parallelism() != null && spec.parallelism() > MAX_INDEXED_PARALLELISM) {
          errs.add(
              FieldError.invalid(
                  path.child("parallelism").toString(),
                  spec.parallelism(),
                  "must be less than or equal to 100000 when completion mode is Indexed"));
        }
      }
    }
    if (!"Indexed".equals(mode) && spec.backoffLimitPerIndex() != null) {
      errs.add(
          FieldError.invalid(
              path.child("backoffLimitPerIndex").toString(),
              spec.backoffLimitPerIndex(),
              "requires indexed completion mode"));
    }
    String replacement = spec.podReplacementPolicy();
    if (replacement != null
        && !replacement.equals("TerminatingOrFailed")
        && !replacement.equals("Failed")) {
      errs.add(
          FieldError.notSupported(
              path.child("podReplacementPolicy").toString(),
              replacement,
              List.of("Failed", "TerminatingOrFailed")));
    }
    return errs;
  }

  private static List<FieldError> timeZone(String zone, FieldPath path) {
    if (zone.isEmpty()) {
      return List.of(
          FieldError.invalid(path.toString(), zone, "timeZone must be nil or non-empty string"));
    }
    for (String part : zone.split("/", -1)) {
      if (part.equals(".")
          || part.equals("..")
          || part.startsWith("-")
          || !TIME_ZONE_PART.matcher(part).matches()) {
        return List.of(FieldError.invalid(path.toString(), zone, "unknown time zone " + zone));
      }
    }
    if (zone.toLowerCase(Locale.ROOT).equals("local")) {
      return List.of(
          FieldError.invalid(
              path.toString(),
              zone,
              "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      return List.of(FieldError.invalid(path.toString(), zone, "unknown time zone " + zone));
    }
    return List.of();
  }
}
