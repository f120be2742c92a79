package dev.keelson.api.patch;

import java.util.List;

/** Container-like: ports by containerPort, env by name, volumeMounts by mountPath. */
record TestContainer(
    String name,
    String image,
    List<String> args,
    @PatchStrategy(merge = true, key = "containerPort") List<TestPort> ports,
    @PatchStrategy(merge = true, key = "name") List<TestEnv> env,
    @PatchStrategy(merge = true, key = "mountPath") List<TestMount> volumeMounts) {}
