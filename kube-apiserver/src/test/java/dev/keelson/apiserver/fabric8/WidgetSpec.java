package dev.keelson.apiserver.fabric8;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The desired state of a {@link Widget}.
 *
 * @param size how many parts (1 to 10)
 * @param color the widget's colour
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetSpec(Integer size, String color) {}
