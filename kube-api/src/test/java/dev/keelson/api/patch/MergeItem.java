package dev.keelson.api.patch;

import java.util.List;
import java.util.Map;

/** The test type of Kubernetes' strategicpatch tests ({@code MergeItem}), as a record. */
record MergeItem(
    String name,
    String value,
    String other,
    @PatchStrategy(merge = true, key = "name") List<MergeItem> mergingList,
    List<MergeItem> nonMergingList,
    @PatchStrategy(merge = true) List<Integer> mergingIntList,
    List<Integer> nonMergingIntList,
    @PatchStrategy(merge = true, key = "name") List<MergeItem> mergeItemPtr,
    Map<String, String> simpleMap,
    @PatchStrategy(retainKeys = true) RetainKeysMergeItem retainKeysMap,
    @PatchStrategy(merge = true, key = "name", retainKeys = true)
        List<MergeItem> retainKeysMergingList) {}
