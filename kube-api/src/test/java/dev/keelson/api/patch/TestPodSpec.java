package dev.keelson.api.patch;

import java.util.List;
import java.util.Map;

/** Pod-like spec: lists with the strategies Kubernetes gives the real ones. */
record TestPodSpec(
    @PatchStrategy(merge = true, key = "name", retainKeys = true) List<TestVolume> volumes,
    @PatchStrategy(merge = true, key = "name") List<TestContainer> containers,
    List<TestToleration> tolerations,
    Map<String, String> nodeSelector,
    @PatchStrategy(retainKeys = true) TestStrategy strategy,
    TestSchemaProps schema) {}
