/**
 * Value types with Kubernetes' exact semantics: {@link dev.keelson.api.values.Quantity} and {@link
 * dev.keelson.api.values.IntOrString}.
 */
package dev.keelson.api.values;
