package dev.keelson.api.patch;

import dev.keelson.api.json.MicroTime;
import dev.keelson.api.meta.ObjectMeta;

/** A small pod-like kind for the strategic merge patch tests. */
record TestPod(
    String apiVersion, String kind, ObjectMeta metadata, TestPodSpec spec, MicroTime lastSeen) {}
