/**
 * Kubernetes' JSON and YAML for the model: {@link dev.keelson.api.json.KubeJson}, times ({@link
 * dev.keelson.api.json.Times}, {@link dev.keelson.api.json.MicroTime}) and decoding errors with
 * field paths.
 */
package dev.keelson.api.json;
