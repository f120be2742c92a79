package dev.keelson.api.patch;

import java.util.List;
import java.util.Map;

/** The retainKeys test type of Kubernetes' strategicpatch tests. */
record RetainKeysMergeItem(
    String name,
    String value,
    String other,
    Map<String, String> simpleMap,
    @PatchStrategy(merge = true) List<Integer> mergingIntList,
    @PatchStrategy(merge = true, key = "name") List<MergeItem> mergingList,
    List<MergeItem> nonMergingList) {}
