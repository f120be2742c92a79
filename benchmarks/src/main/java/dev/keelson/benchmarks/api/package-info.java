/** Benchmarks of kube-api: the JSON codec of the object model against fabric8's model. */
package dev.keelson.benchmarks.api;
