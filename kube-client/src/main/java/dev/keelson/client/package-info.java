/**
 * The Java client: typed and generic access to the API, remote over HTTP or in-process, and
 * kubeconfig. (Not built yet: see the project's issues.)
 */
package dev.keelson.client;
