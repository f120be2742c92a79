package dev.keelson.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster DNS server: UDP and TCP on one port, answering cluster names from a {@link
 * ClusterDnsView} and forwarding other names to the configured upstream.
 *
 * <pre>{@code
 * ClusterDnsView view = ClusterDnsView.clusterLocal();   // fed by informers via DnsRecordsSource
 * try (ClusterDnsServer dns = ClusterDnsServer.start(ClusterDnsConfig.loopback(), view)) {
 *   int port = dns.port();
 * }
 * }</pre>
 */
public final class ClusterDnsServer implements AutoCloseable {

  /** Largest DNS message over TCP (two-byte length prefix). */
  static final int MAX_TCP_MESSAGE = 65535;

  /** Kernel receive buffer for the UDP socket: absorbs bursts while the event loop is busy. */
  static final int UDP_RECEIVE_BUFFER = 1 << 20;

  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;
  private final DnsQueryHandler handler;

  private ClusterDnsServer(EventLoopGroup group, Channel udp, Channel tcp, DnsQueryHandler h) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
    this.handler = h;
  }

  /** Binds UDP and TCP and starts answering. */
  public static ClusterDnsServer start(ClusterDnsConfig config, ClusterDnsView view) {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    DnsQueryHandler handler = new DnsQueryHandler(config, view);
    AtomicInteger tcpConnections = new AtomicInteger();
    try {
      IOException last = null;
      for (int attempt = 0; attempt < 10; attempt++) {
        Channel udp =
            new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .handler(
                    new ChannelInitializer<NioDatagramChannel>() {
                      @Override
                      protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline()
                            .addLast(new DatagramDnsQueryDecoder())
                            .addLast(new DatagramDnsResponseEncoder())
                            .addLast(handler);
                      }
                    })
                .bind(config.bindAddress(), config.port())
                .syncUninterruptibly()
                .channel();
        int port = ((InetSocketAddress) udp.localAddress()).getPort();
        try {
          Channel tcp =
              new ServerBootstrap()
                  .group(group)
                  .channel(NioServerSocketChannel.class)
                  .option(ChannelOption.SO_BACKLOG, 128)
                  .childHandler(
                      new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                          if (tcpConnections.incrementAndGet() > config.maxTcpConnections()) {
                            tcpConnections.decrementAndGet();
                            ch.close();
                            return;
                          }
                          ch.closeFuture().addListener(f -> tcpConnections.decrementAndGet());
                          ch.pipeline()
                              .addLast(
                                  new ReadTimeoutHandler(
                                      config.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                              .addLast(
                                  new TcpDnsQueryDecoder(DnsRecordDecoder.DEFAULT, MAX_TCP_MESSAGE))
                              .addLast(new TcpDnsResponseEncoder())
                              .addLast(handler);
                        }
                      })
                  .bind(config.bindAddress(), port)
                  .syncUninterruptibly()
                  .channel();
          return new ClusterDnsServer(group, udp, tcp, handler);
        } catch (RuntimeException e) {
          udp.close().syncUninterruptibly();
          if (config.port() != 0) {
            throw e;
          }
          last = new IOException("TCP port " + port + " taken", e);
        }
      }
      throw new UncheckedIOException(last);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      handler.close();
      throw e;
    }
  }

  /** The port UDP and TCP listen on. */
  public int port() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  /** The UDP (and TCP) address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) udp.localAddress();
  }

  @Override
  public void close() {
    udp.close().syncUninterruptibly();
    tcp.close().syncUninterruptibly();
    handler.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
