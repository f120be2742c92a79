/**
 * The API server's HTTP layer on Netty: HTTP/1.1 and HTTP/2 (ALPN) over TLS, plain HTTP/1.1 for
 * tests, bounded bodies, an in-flight request limit, streamed responses with back-pressure, and
 * handlers that run on virtual threads.
 */
package dev.keelson.apiserver.http;
