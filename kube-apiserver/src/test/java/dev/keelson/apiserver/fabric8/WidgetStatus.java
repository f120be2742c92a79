package dev.keelson.apiserver.fabric8;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The observed state of a {@link Widget}, written through the status subresource.
 *
 * @param phase {@code Pending}, {@code Ready} or {@code Failed}
 * @param observedGeneration the generation this status describes
 * @param message what a controller says about it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetStatus(String phase, Long observedGeneration, String message) {}
