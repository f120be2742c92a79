package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import java.util.List;

/** The HTTP paths of an ingress rule. */
@KubeModel
public record HTTPIngressRuleValue(List<HTTPIngressPath> paths)
    implements HTTPIngressRuleValueBuilder.With {
  public HTTPIngressRuleValue {
    paths = Immutable.list(paths);
  }
}
