package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.meta.ObjectMeta;

/** The job a cron job creates: metadata and spec. */
@KubeModel
public record JobTemplateSpec(ObjectMeta metadata, JobSpec spec)
    implements JobTemplateSpecBuilder.With {}
