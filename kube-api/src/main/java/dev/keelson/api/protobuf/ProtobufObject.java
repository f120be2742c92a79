package dev.keelson.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;

/**
 * An object decoded from protobuf: its kind (from the envelope, defaulted from the endpoint) and
 * its JSON form, with {@code apiVersion} and {@code kind} set.
 */
public record ProtobufObject(GroupVersionKind kind, ObjectNode object) {}
