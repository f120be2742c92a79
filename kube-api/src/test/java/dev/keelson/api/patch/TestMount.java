package dev.keelson.api.patch;

/** Volume mount. */
record TestMount(String name, String mountPath, Boolean readOnly) {}
