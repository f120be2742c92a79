package dev.keelson.net.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Cluster DNS server settings.
 *
 * @param bindAddress address both UDP and TCP listen on
 * @param port port (0: a free port, the same for UDP and TCP)
 * @param ttlSeconds TTL of every answer and the SOA minimum (negative-answer TTL); CoreDNS: 5
 * @param upstream where names outside the cluster zone are forwarded; null: answered REFUSED
 * @param maxInFlightForwards forwarded queries outstanding at once; more are answered SERVFAIL
 * @param maxTcpConnections open TCP connections at once; more are closed on accept
 * @param maxUdpPayload largest UDP answer even when a client's EDNS0 size is larger (>= 512)
 * @param forwardTimeout how long to wait for the upstream
 * @param tcpIdleTimeout a TCP connection idle this long is closed
 * @param ioThreads Netty event-loop threads
 */
public record ClusterDnsConfig(
    InetAddress bindAddress,
    int port,
    long ttlSeconds,
    InetSocketAddress upstream,
    int maxInFlightForwards,
    int maxTcpConnections,
    int maxUdpPayload,
    Duration forwardTimeout,
    Duration tcpIdleTimeout,
    int ioThreads) {

  /** The smallest UDP payload every DNS client accepts (RFC 1035). */
  public static final int CLASSIC_UDP_PAYLOAD = 512;

  public ClusterDnsConfig {
    if (bindAddress == null) {
      throw new IllegalArgumentException("bindAddress is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (ttlSeconds < 0 || ttlSeconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ttlSeconds out of range: " + ttlSeconds);
    }
    if (maxInFlightForwards < 1 || maxTcpConnections < 1 || ioThreads < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxUdpPayload < CLASSIC_UDP_PAYLOAD || maxUdpPayload > 65535) {
      throw new IllegalArgumentException("maxUdpPayload must be in [512, 65535]");
    }
  }

  /** Loopback, a free port, TTL 5 s, no upstream, CoreDNS-like limits. */
  public static ClusterDnsConfig loopback() {
    return new ClusterDnsConfig(
        InetAddress.getLoopbackAddress(),
        0,
        5,
        null,
        256,
        256,
        1232,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1);
  }

  /** This config with another bind address and port. */
  public ClusterDnsConfig withListen(InetAddress address, int newPort) {
    return new ClusterDnsConfig(
        address,
        newPort,
        ttlSeconds,
        upstream,
        maxInFlightForwards,
        maxTcpConnections,
        maxUdpPayload,
        forwardTimeout,
        tcpIdleTimeout,
        ioThreads);
  }

  /** This config with another TTL. */
  public ClusterDnsConfig withTtlSeconds(long ttl) {
    return new ClusterDnsConfig(
        bindAddress,
        port,
        ttl,
        upstream,
        maxInFlightForwards,
        maxTcpConnections,
        maxUdpPayload,
        forwardTimeout,
        tcpIdleTimeout,
        ioThreads);
  }

  /** This config forwarding non-cluster names to {@code address}. */
  public ClusterDnsConfig withUpstream(InetSocketAddress address) {
    return new ClusterDnsConfig(
        bindAddress,
        port,
        ttlSeconds,
        address,
        maxInFlightForwards,
        maxTcpConnections,
        maxUdpPayload,
        forwardTimeout,
        tcpIdleTimeout,
        ioThreads);
  }

  /** This config with other bounds. */
  public ClusterDnsConfig withLimits(int inFlightForwards, int tcpConnections, int udpPayload) {
    return new ClusterDnsConfig(
        bindAddress,
        port,
        ttlSeconds,
        upstream,
        inFlightForwards,
        tcpConnections,
        udpPayload,
        forwardTimeout,
        tcpIdleTimeout,
        ioThreads);
  }
}
