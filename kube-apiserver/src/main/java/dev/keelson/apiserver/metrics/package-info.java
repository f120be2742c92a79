/** Request metrics of the API server, served at {@code /metrics} in Prometheus' text format. */
package dev.keelson.apiserver.metrics;
