/**
 * The API server's client of the node agents (the kubelet API): finds a node's address and port,
 * authenticates with the API server's kubelet client certificate, and proxies pod logs (HTTPS) and
 * exec/attach sessions (WebSocket, relayed frame by frame with backpressure). The node-facing
 * contract is written down in {@code docs/architecture.md}, section "The node contract".
 */
package dev.keelson.apiserver.kubelet;
