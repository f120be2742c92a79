package dev.keelson.api.patch;

import dev.keelson.api.values.IntOrString;

/** Rolling update settings. */
record TestRollingUpdate(IntOrString maxSurge, IntOrString maxUnavailable) {}
