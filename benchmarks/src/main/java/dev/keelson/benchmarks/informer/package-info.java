/**
 * Informer benchmark: initial sync of a large collection into a Keelson {@code SharedInformer} and
 * a fabric8 {@code SharedIndexInformer}, from the same Keelson API server in the same run.
 */
package dev.keelson.benchmarks.informer;
