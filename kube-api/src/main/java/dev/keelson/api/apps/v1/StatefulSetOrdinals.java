package dev.keelson.api.apps.v1;

import dev.keelson.api.KubeModel;

/**
 * The numbering of a stateful set's replicas.
 *
 * @param start the ordinal of the first replica (default 0)
 */
@KubeModel
public record StatefulSetOrdinals(Integer start) implements StatefulSetOrdinalsBuilder.With {}
