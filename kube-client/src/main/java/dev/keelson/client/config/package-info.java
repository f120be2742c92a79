/**
 * Kubeconfig files as kubectl reads them: {@link dev.keelson.client.config.Kubeconfig} loads one
 * file or the files of {@code KUBECONFIG} merged (first file wins per name), resolves relative
 * paths against each file's directory, and turns a context into a {@link
 * dev.keelson.client.ClientConfig} (TLS context with the cluster CA and the client certificate,
 * token, token file or basic credentials). Errors are {@link
 * dev.keelson.client.config.KubeconfigException}s that name the file and field.
 */
package dev.keelson.client.config;
