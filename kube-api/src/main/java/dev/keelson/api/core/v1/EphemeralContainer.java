package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.patch.PatchStrategy;
import java.util.List;

/**
 * An EphemeralContainer is a temporary container that you may add to an existing Pod for
 * user-initiated activities such as debugging.
 */
@KubeModel
public record EphemeralContainer(
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
    Boolean tty,
    String targetContainerName)
    implements EphemeralContainerBuilder.With {
  public EphemeralContainer {
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

  /**
   * The fields this has in common with a {@link Container} (Kubernetes' {@code
   * EphemeralContainerCommon}), as a container: what a node runs.
   */
  public Container asContainer() {
    return new Container(
        name,
        image,
        command,
        args,
        workingDir,
        ports,
        envFrom,
        env,
        resources,
        resizePolicy,
        restartPolicy,
        restartPolicyRules,
        volumeMounts,
        volumeDevices,
        livenessProbe,
        readinessProbe,
        startupProbe,
        lifecycle,
        terminationMessagePath,
        terminationMessagePolicy,
        imagePullPolicy,
        securityContext,
        stdin,
        stdinOnce,
        tty);
  }
}
