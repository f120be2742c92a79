/** Internals of kube-api shared between its packages. Not API: may change without notice. */
package dev.keelson.api.internal;
