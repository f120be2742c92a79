/**
 * Errors of the Kubernetes API: {@link dev.keelson.api.errors.ApiException} and one subclass per
 * reason, each built from or carrying the {@code Status} Kubernetes answers with (code, reason,
 * message, details, causes). Server and client share them, so a controller can catch {@link
 * dev.keelson.api.errors.ConflictException} whether the API is remote or in-process.
 */
package dev.keelson.api.errors;
