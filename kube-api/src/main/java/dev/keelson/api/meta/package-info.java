/**
 * Metadata and the meta.k8s.io types every API shares: {@link dev.keelson.api.meta.ObjectMeta},
 * {@link dev.keelson.api.meta.ListMeta}, {@link dev.keelson.api.meta.Status}, label selectors,
 * delete options, watch events and tables.
 */
package dev.keelson.api.meta;
