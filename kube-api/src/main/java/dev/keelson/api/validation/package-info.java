/**
 * Validation as Kubernetes does it: names, labels, annotations and the fields of built-in kinds,
 * each failure a {@link dev.keelson.api.validation.FieldError} with its field path.
 */
package dev.keelson.api.validation;
