package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A job: runs pods until a number of them complete successfully. */
@KubeModel
public record Job(
    String apiVersion, String kind, ObjectMeta metadata, JobSpec spec, JobStatus status)
    implements KubernetesObject, JobBuilder.With {
  /** The API version this record is written for. */
  public static final String API_VERSION = "batch/v1";

  /** The kind. */
  public static final String KIND = "Job";

  public Job {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Job withMetadata(ObjectMeta metadata) {
    return JobBuilder.With.super.withMetadata(metadata);
  }
}
