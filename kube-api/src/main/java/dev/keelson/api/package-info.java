/**
 * Keelson's object model: {@link dev.keelson.api.KubernetesObject}, the generic object for custom
 * resources, lists, and the annotation that gives every model record a builder and {@code with}
 * methods. Built-in kinds live in one package per API group and version ({@code core.v1}, {@code
 * apps.v1}, ...); JSON lives in {@code json}; errors in {@code errors}.
 */
package dev.keelson.api;
