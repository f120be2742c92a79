package dev.keelson.api.patch;

/** Container port. */
record TestPort(String name, Integer containerPort, String protocol) {}
