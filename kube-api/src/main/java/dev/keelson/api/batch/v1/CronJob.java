package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A cron job: creates jobs on a schedule. */
@KubeModel
public record CronJob(
    String apiVersion, String kind, ObjectMeta metadata, CronJobSpec spec, CronJobStatus status)
    implements KubernetesObject, CronJobBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "batch/v1";

  /** The kind. */
  public static final String KIND = "CronJob";

  public CronJob {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public CronJob withMetadata(ObjectMeta metadata) {
    return CronJobBuilder.With.super.withMetadata(metadata);
  }
}
