package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.values.IntOrString;
import java.util.List;

/**
 * Describes an action based on HTTP Get requests.
 *
 * @param port a port number or the name of a container port
 */
@KubeModel
public record HTTPGetAction(
    String path,
    IntOrString port,
    String host,
    String scheme,
    List<HTTPHeader> httpHeaders,
    String protocol)
    implements HTTPGetActionBuilder.With {
  public HTTPGetAction {
    httpHeaders = Immutable.list(httpHeaders);
  }
}
