package dev.keelson.api.meta;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/**
 * Details of a {@link Status}.
 *
 * @param kind the kind (or, for NotFound and AlreadyExists, the resource) the status is about
 * @param retryAfterSeconds when set, the client should wait this long before retrying
 */
@KubeModel
public record StatusDetails(
    String name,
    String group,
    String kind,
    String uid,
    List<StatusCause> causes,
    Integer retryAfterSeconds)
    implements StatusDetailsBuilder.With {
  public StatusDetails {
    causes = Immutable.list(causes);
  }
}
