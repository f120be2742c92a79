/**
 * Server-side apply: sets of fields in Kubernetes' FieldsV1 form ({@link FieldSet}), the type
 * descriptions that say how objects merge ({@link FieldType}: structs, maps, and atomic, set or
 * keyed lists, from the built-in kinds' {@link dev.keelson.api.patch.PatchStrategy} metadata or a
 * CustomResourceDefinition's structural schema), and field ownership ({@link FieldManager}):
 * managers with their Apply and Update operations, conflicts, forced takeover and the removal of
 * fields a manager stops applying. The engine lives in the {@code internal} package.
 */
package dev.keelson.api.apply;
