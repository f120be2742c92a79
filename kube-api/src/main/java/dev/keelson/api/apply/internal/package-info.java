/**
 * The server-side apply engine: type descriptions from records and schemas, and the walks over JSON
 * trees (field sets, comparison, merge, removal) that {@link dev.keelson.api.apply.FieldManager}
 * composes.
 */
package dev.keelson.api.apply.internal;
