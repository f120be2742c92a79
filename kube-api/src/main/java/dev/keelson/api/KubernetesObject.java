package dev.keelson.api;

import dev.keelson.api.meta.ObjectMeta;

/**
 * An object of the Kubernetes API: a kind at an API version, with object metadata. Built-in kinds
 * are immutable records; custom resources and unknown kinds are {@link GenericObject}s.
 */
public interface KubernetesObject {
  /** {@code group/version}, or just {@code version} for the core group ("v1"). */
  String apiVersion();

  /** The kind, for example {@code Pod}. */
  String kind();

  /** The object's metadata; may be {@code null} only for objects still being built. */
  ObjectMeta metadata();

  /** A copy of this object with other metadata. */
  KubernetesObject withMetadata(ObjectMeta metadata);

  /** The API group ("" for the core group) of {@link #apiVersion()}. */
  default String apiGroup() {
    String v = apiVersion();
    int slash = v == null ? -1 : v.indexOf('/');
    return slash < 0 ? "" : v.substring(0, slash);
  }
}
