package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** Binding ties one object to another; for example, a pod is bound to a node by a scheduler. */
@KubeModel
public record Binding(String apiVersion, String kind, ObjectMeta metadata, ObjectReference target)
    implements KubernetesObject, BindingBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Binding";

  public Binding {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Binding withMetadata(ObjectMeta metadata) {
    return BindingBuilder.With.super.withMetadata(metadata);
  }
}
