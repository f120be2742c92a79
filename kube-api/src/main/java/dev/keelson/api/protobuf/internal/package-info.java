/** The protobuf wire reader, schema table and tree decoder behind {@code KubeProtobuf}. */
package dev.keelson.api.protobuf.internal;
