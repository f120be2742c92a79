/**
 * Label and field selectors with Kubernetes' exact syntax, matching and text form.
 *
 * <p>{@link dev.keelson.api.selector.Selector} is a label selector: parsed from the string form
 * used in {@code ?labelSelector=} ({@code app=web,tier in (fe,be),!canary}), converted from and to
 * the {@link dev.keelson.api.meta.LabelSelector} written in objects, matched against a label map.
 * {@link dev.keelson.api.selector.FieldSelector} is a field selector ({@code ?fieldSelector=
 * metadata.name=x,status.phase!=Running}), matched against the field values a resource exposes.
 *
 * <p>All types are immutable and thread-safe. Bad input is an {@link IllegalArgumentException}
 * carrying Kubernetes' message, which the API server returns as a 400.
 */
package dev.keelson.api.selector;
