/**
 * A Kubernetes-compatible REST API server: discovery, CRUD, watch, patch, and the only component
 * that talks to the store. (Not built yet: see the project's issues.)
 */
package dev.keelson.apiserver;
