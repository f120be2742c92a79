package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.batch.v1.CronJob;
import dev.keelson.api.batch.v1.Job;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** batch/v1 spec validation and cron schedules, with Kubernetes' paths and messages. */
class BatchValidationTest {
  private static final String TEMPLATE =
      "template: {metadata: {labels: {a: b}}, spec: {restartPolicy: Never, containers: [{name: c,"
          + " image: busybox}]}}";

  private static List<String> job(String spec) {
    Job j = KubeJson.decodeYaml("metadata: {name: j}\nspec: {" + spec + "}", Job.class);
    return BatchValidation.jobSpec(j.spec()).stream().map(FieldError::toString).toList();
  }

  private static List<String> cron(String name, String spec) {
    CronJob c =
        KubeJson.decodeYaml("metadata: {name: " + name + "}\nspec: {" + spec + "}", CronJob.class);
    return BatchValidation.cronJob(c, false).stream().map(FieldError::toString).toList();
  }

  private static String cronSpec(String schedule) {
    return "schedule: '" + schedule + "', jobTemplate: {spec: {" + TEMPLATE + "}}";
  }

  @Test
  void jobCountsAndModes() {
    String sel = "selector: {matchLabels: {a: b}}, " + TEMPLATE + ", ";
    assertThat(job(sel + "completions: 3, parallelism: 2")).isEmpty();
    assertThat(job(sel + "completions: -1, parallelism: -2, backoffLimit: -3"))
        .containsExactlyInAnyOrder(
            "spec.completions: Invalid value: -1: must be greater than or equal to 0",
            "spec.parallelism: Invalid value: -2: must be greater than or equal to 0",
            "spec.backoffLimit: Invalid value: -3: must be greater than or equal to 0");
    assertThat(job(sel + "completionMode: Sometimes"))
        .containsExactly(
            "spec.completionMode: Unsupported value: \"Sometimes\": supported values:"
                + " \"NonIndexed\", \"Indexed\"");
    assertThat(job(sel + "completionMode: Indexed"))
        .containsExactly("spec.completions: Required value: when completion mode is Indexed");
    assertThat(job(TEMPLATE)).containsExactly("spec.selector: Required value");
    assertThat(job("selector: {matchLabels: {a: c}}, " + TEMPLATE))
        .singleElement()
        .asString()
        .endsWith("`selector` does not match template `labels`");
  }

  @Test
  void cronSchedulesFollowTheStandardParser() {
    assertThat(cron("c", cronSpec("*/5 * * * *"))).isEmpty();
    assertThat(cron("c", cronSpec("0 9-17 * JAN-MAR mon,fri"))).isEmpty();
    assertThat(cron("c", cronSpec("@hourly"))).isEmpty();
    assertThat(cron("c", cronSpec("@every 1h30m"))).isEmpty();
    assertThat(cron("c", cronSpec("* * * *")))
        .containsExactly(
            "spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * *"
                + " *]");
    assertThat(cron("c", cronSpec("60 * * * *")))
        .containsExactly(
            "spec.schedule: Invalid value: \"60 * * * *\": end of range (60) above maximum (59):"
                + " 60");
    assertThat(cron("c", cronSpec("* * 0 * *")))
        .containsExactly(
            "spec.schedule: Invalid value: \"* * 0 * *\": beginning of range (0) below minimum"
                + " (1): 0");
    assertThat(cron("c", cronSpec("x * * * *")))
        .containsExactly(
            "spec.schedule: Invalid value: \"x * * * *\": failed to parse int from x:"
                + " strconv.Atoi: parsing \"x\": invalid syntax");
    assertThat(cron("c", cronSpec("@fortnightly")))
        .containsExactly(
            "spec.schedule: Invalid value: \"@fortnightly\": unrecognized descriptor:"
                + " @fortnightly");
    assertThat(cron("c", cronSpec("CRON_TZ=UTC 0 * * * *")))
        .containsExactly(
            "spec.schedule: Invalid value: \"CRON_TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in"
                + " schedule, use timeZone field instead");
    assertThat(cron("c", "jobTemplate: {spec: {" + TEMPLATE + "}}"))
        .containsExactly("spec.schedule: Required value");
  }

  @Test
  void cronJobPoliciesLimitsAndTemplate() {
    assertThat(cron("c", cronSpec("@daily") + ", concurrencyPolicy: Sometimes"))
        .containsExactly(
            "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values:"
                + " \"Allow\", \"Forbid\", \"Replace\"");
    assertThat(
            cron(
                "c",
                cronSpec("@daily")
                    + ", successfulJobsHistoryLimit: -1, startingDeadlineSeconds: -5"))
        .containsExactlyInAnyOrder(
            "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal"
                + " to 0",
            "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0");
    assertThat(cron("c", cronSpec("@daily") + ", timeZone: Mars/Olympus"))
        .containsExactly(
            "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
    assertThat(cron("c", cronSpec("@daily") + ", timeZone: Europe/Berlin")).isEmpty();
    assertThat(
            cron(
                "c",
                "schedule: '@daily', jobTemplate: {spec: {selector: {matchLabels: {a: b}}, "
                    + TEMPLATE
                    + "}}"))
        .singleElement()
        .asString()
        .startsWith("spec.jobTemplate.spec.selector: Invalid value: ")
        .endsWith("`selector` will be auto-generated");
    assertThat(cron("a".repeat(53), cronSpec("@daily")))
        .containsExactly(
            "metadata.name: Invalid value: \""
                + "a".repeat(53)
                + "\": must be no more than 52"
                + " characters");
  }
}
