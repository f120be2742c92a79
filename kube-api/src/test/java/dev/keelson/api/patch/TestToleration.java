package dev.keelson.api.patch;

/** Toleration (a list without patch strategy: replaced whole). */
record TestToleration(String key, String operator, String value, String effect) {}
