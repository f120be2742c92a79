package dev.keelson.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

/** Volume: a name and one source. */
record TestVolume(String name, JsonNode hostPath, JsonNode emptyDir, JsonNode configMap) {}
