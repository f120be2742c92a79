package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems,
 * for an identity * a principal that can be authenticated and authorized * a set of secrets
 */
@KubeModel
public record ServiceAccount(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    @PatchStrategy(merge = true, key = "name") List<ObjectReference> secrets,
    List<LocalObjectReference> imagePullSecrets,
    Boolean automountServiceAccountToken)
    implements KubernetesObject, ServiceAccountBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "ServiceAccount";

  public ServiceAccount {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    secrets = Immutable.list(secrets);
    imagePullSecrets = Immutable.list(imagePullSecrets);
  }

  @Override
  public ServiceAccount withMetadata(ObjectMeta metadata) {
    return ServiceAccountBuilder.With.super.withMetadata(metadata);
  }
}
