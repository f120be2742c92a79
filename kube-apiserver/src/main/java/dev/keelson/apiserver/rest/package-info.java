/**
 * The resource API: paths, get/list/watch/create/update/patch/delete over the store and the watch
 * caches, with Kubernetes' object semantics.
 */
package dev.keelson.apiserver.rest;
