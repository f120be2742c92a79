/**
 * The namespace lifecycle controller: empties a namespace that is being deleted (every namespaced
 * resource the server's discovery lists, custom resources included), reports progress in the
 * namespace's status conditions as kube-controller-manager does, and removes the {@code kubernetes}
 * finalizer through the {@code finalize} subresource once nothing is left. Start it with {@link
 * dev.keelson.controllers.namespace.NamespaceController}.
 */
package dev.keelson.controllers.namespace;
