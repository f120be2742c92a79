/**
 * The core API group, version v1 ({@code apiVersion: v1}): Pod and everything under {@link
 * dev.keelson.api.core.v1.PodSpec}, Node, Service, Endpoints, Namespace, ConfigMap, Secret,
 * ServiceAccount, Event, PersistentVolumeClaim, PodTemplate, Binding and the reference types other
 * groups reuse ({@link dev.keelson.api.core.v1.ObjectReference}, {@link
 * dev.keelson.api.core.v1.LocalObjectReference}, {@link
 * dev.keelson.api.core.v1.TypedLocalObjectReference}).
 *
 * <p>One record per Kubernetes struct, components in the Go field order and named as the JSON
 * fields; inlined Go structs (Volume's VolumeSource, Probe's ProbeHandler, EphemeralContainer's
 * common fields, the LocalObjectReference inside key selectors) are flattened into the record that
 * embeds them, as they are on the wire. Go {@code []byte} values (Secret {@code data}, ConfigMap
 * {@code binaryData}) are kept as their base64 text so that records compare by value and re-encode
 * byte for byte; helpers decode them.
 */
package dev.keelson.api.core.v1;
