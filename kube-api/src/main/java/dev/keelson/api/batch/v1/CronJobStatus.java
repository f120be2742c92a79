package dev.keelson.api.batch.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.internal.Immutable;
import java.time.Instant;
import java.util.List;

/** The observed state of a cron job. */
@KubeModel
public record CronJobStatus(
    List<ObjectReference> active, Instant lastScheduleTime, Instant lastSuccessfulTime)
    implements CronJobStatusBuilder.With {
  public CronJobStatus {
    active = Immutable.list(active);
  }
}
