package dev.keelson.api.patch;

/** Environment variable. */
record TestEnv(String name, String value) {}
