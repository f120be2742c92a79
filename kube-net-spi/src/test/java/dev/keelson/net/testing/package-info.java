/** Helpers for the network integration tests (host commands, namespaces). */
package dev.keelson.net.testing;
