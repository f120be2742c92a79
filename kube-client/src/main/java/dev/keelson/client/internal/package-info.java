/**
 * The client's engine, not API: the HTTP transport on {@code java.net.http.HttpClient}, request
 * building, error mapping, the watch reader, PEM and TLS helpers.
 */
package dev.keelson.client.internal;
