package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;

/** A worker node in Kubernetes. */
@KubeModel
public record Node(
    String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
    implements KubernetesObject, NodeBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Node";

  public Node {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
  }

  @Override
  public Node withMetadata(ObjectMeta metadata) {
    return NodeBuilder.With.super.withMetadata(metadata);
  }
}
