package dev.keelson.node.internal;

/**
 * One file of an API-data volume (configMap, secret, downwardAPI, projected).
 *
 * @param data the content
 * @param mode the permission bits (0644 unless set)
 */
record FileProjection(byte[] data, int mode) {}
