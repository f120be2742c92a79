package dev.keelson.api.patch;

/** Deployment-strategy-like: type plus the settings of one type. */
record TestStrategy(String type, TestRollingUpdate rollingUpdate) {}
