package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.internal.Named;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * A single application container that you want to run within a pod.
 *
 * @param restartPolicy {@code Always} makes an init container a sidecar
 */
@KubeModel
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    @PatchStrategy(merge = true, key = "containerPort") List<ContainerPort> ports,
    List<EnvFromSource> envFrom,
    @PatchStrategy(merge = true, key = "name") List<EnvVar> env,
    ResourceRequirements resources,
    List<ContainerResizePolicy> resizePolicy,
    String restartPolicy,
    List<ContainerRestartRule> restartPolicyRules,
    @PatchStrategy(merge = true, key = "mountPath") List<VolumeMount> volumeMounts,
    @PatchStrategy(merge = true, key = "devicePath") List<VolumeDevice> volumeDevices,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    Lifecycle lifecycle,
    String terminationMessagePath,
    String terminationMessagePolicy,
    String imagePullPolicy,
    SecurityContext securityContext,
    Boolean stdin,
    Boolean stdinOnce,
    Boolean tty)
    implements ContainerBuilder.With {
  public Container {
    command = Immutable.list(command);
    args = Immutable.list(args);
    ports = Immutable.list(ports);
    envFrom = Immutable.list(envFrom);
    env = Immutable.list(env);
    resizePolicy = Immutable.list(resizePolicy);
    restartPolicyRules = Immutable.list(restartPolicyRules);
    volumeMounts = Immutable.list(volumeMounts);
    volumeDevices = Immutable.list(volumeDevices);
  }

  /** The named port, or {@code null}. */
  public ContainerPort port(String name) {
    return Named.find(ports, ContainerPort::name, name);
  }

  /** The value of the named environment variable when it is given literally, or {@code null}. */
  public String envValue(String name) {
    EnvVar e = Named.find(env, EnvVar::name, name);
    return e == null ? null : e.value();
  }
}
