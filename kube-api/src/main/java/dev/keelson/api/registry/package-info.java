/**
 * The resource registry: which resources the API serves, under which names, with which verbs,
 * categories and subresources. {@link dev.keelson.api.registry.ResourceRegistry} answers the
 * questions discovery ({@code /api}, {@code /apis}), kubectl's name resolution ({@code kubectl get
 * deploy}) and the API server's routing ask. {@link
 * dev.keelson.api.registry.ResourceRegistry#builtins()} holds the built-in kinds as Kubernetes
 * serves them; custom resources are added and removed at run time.
 */
package dev.keelson.api.registry;
