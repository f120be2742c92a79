package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Options of a delete ({@code metav1.DeleteOptions}).
 *
 * @param propagationPolicy {@code Orphan}, {@code Background} or {@code Foreground}
 * @param dryRun {@code ["All"]} to validate without persisting
 */
@KubeModel
public record DeleteOptions(
    String apiVersion,
    String kind,
    Long gracePeriodSeconds,
    Preconditions preconditions,
    Boolean orphanDependents,
    String propagationPolicy,
    List<String> dryRun)
    implements DeleteOptionsBuilder.With {
  public DeleteOptions {
    dryRun = Immutable.list(dryRun);
  }
}
