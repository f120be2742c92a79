/**
 * Validation as Kubernetes does it: names, labels, annotations and the fields of built-in kinds,
 * each failure a {@link dev.keelson.api.validation.FieldError} with its field path and Kubernetes'
 * message text.
 *
 * <ul>
 *   <li>{@link dev.keelson.api.validation.Names}: the string formats (DNS names, qualified names,
 *       label values, port names and numbers, config keys, ...) and their messages;
 *   <li>{@link dev.keelson.api.validation.NameValidator}: the name rule of a resource, including
 *       {@code generateName} prefixes;
 *   <li>{@link dev.keelson.api.validation.ObjectMetaValidation}: {@code metadata} on create and
 *       update;
 *   <li>{@link dev.keelson.api.validation.PodValidation}, {@link
 *       dev.keelson.api.validation.ServiceValidation}, {@link
 *       dev.keelson.api.validation.NamespaceValidation}, {@link
 *       dev.keelson.api.validation.ConfigDataValidation}: the core kinds;
 *   <li>{@link dev.keelson.api.validation.Validator}: the extension point an API server strategy
 *       calls; {@link dev.keelson.api.validation.BuiltinValidators} picks one per resource; {@link
 *       dev.keelson.api.validation.Validation} turns errors into a 422 Invalid error.
 * </ul>
 *
 * <p>Message texts follow Kubernetes' released wording ({@code must be no more than 63 characters},
 * the double space of {@code RegexError}'s examples, {@code a qualified name ...}). Validators run
 * on objects as received: absent enumerated fields are accepted as their defaults.
 */
package dev.keelson.api.validation;
