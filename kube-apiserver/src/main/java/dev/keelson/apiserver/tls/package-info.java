/**
 * Certificates for the cluster, written with the JDK alone: a generated CA, serving and client
 * certificates (ECDSA P-256), and PEM encoding.
 */
package dev.keelson.apiserver.tls;
