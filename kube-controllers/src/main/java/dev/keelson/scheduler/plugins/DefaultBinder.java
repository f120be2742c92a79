package dev.keelson.scheduler.plugins;

import dev.keelson.api.core.v1.Binding;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.scheduler.framework.BindPlugin;
import dev.keelson.scheduler.framework.CycleState;
import dev.keelson.scheduler.framework.PodInfo;
import dev.keelson.scheduler.framework.Status;

/**
 * Binds through the API's {@code pods/binding} subresource (a {@code v1 Binding} naming the node).
 * API failures propagate as exceptions (the scheduler forgets the assumed pod and retries it).
 */
public final class DefaultBinder implements BindPlugin {
  /** The plugin's name. */
  public static final String NAME = "DefaultBinder";

  private final KubeClient client;

  /** A binder writing through {@code client}. */
  public DefaultBinder(KubeClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status bind(CycleState state, PodInfo pod, String nodeName) {
    ObjectMeta m = pod.pod().metadata();
    Binding binding =
        new Binding(
            null,
            null,
            ObjectMetaBuilder.builder()
                .name(m.name())
                .namespace(m.namespace())
                .uid(m.uid())
                .build(),
            new ObjectReference("Node", null, nodeName, null, "v1", null, null));
    client
        .resources(Pod.class)
        .inNamespace(m.namespace())
        .createSubresource(m.name(), "binding", binding);
    return Status.success();
  }
}
