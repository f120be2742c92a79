package dev.keelson.apiserver.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on Netty: HTTP/2 and HTTP/1.1 negotiated by ALPN over TLS, or plain HTTP/1.1.
 * Requests are aggregated (bounded by {@link HttpServerConfig#maxBodyBytes()}) and handed to the
 * {@link HttpHandler} on a virtual thread each; at most {@link HttpServerConfig#maxInFlight()} run
 * at once, the rest answer 429.
 *
 * <p>The servers of a JVM share their event loops ({@link EventLoops}). {@link #close()} stops
 * accepting, tells long-running responses to end ({@link Exchange#shuttingDown()}), waits briefly
 * for them, then closes every connection.
 */
public final class HttpServer implements AutoCloseable {

  private final HttpServerConfig config;
  private final RequestRunner runner;
  private final EventLoops.Groups loops;
  private final java.util.concurrent.atomic.AtomicBoolean closing =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final io.netty.channel.group.ChannelGroup connections =
      new io.netty.channel.group.DefaultChannelGroup(
          io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
  private final ServerTls ssl;
  private Channel listener;

  private HttpServer(HttpServerConfig config, RequestRunner runner) {
    this.config = config;
    this.runner = runner;
    this.ssl = config.tls() == null ? null : ServerTls.of(config);
    this.loops = EventLoops.SHARED.acquire(); // last: released by close()
  }

  /**
   * Loads and initializes the JDK's TLS implementation for the servers of this JVM, once (later
   * calls return at once). For start-up: a thread that has spare time calls it before the first TLS
   * server of the JVM is set up, which then does not pay it.
   */
  public static void preloadTls() {
    ServerTls.preload();
  }

  /** Starts listening; returns once the port is bound. */
  public static HttpServer start(HttpServerConfig config, HttpHandler handler) {
    return start(
        config,
        new RequestRunner(
            handler, config.maxInFlight(), config.maxBodyBytes(), config.writeTimeout()));
  }

  /**
   * Starts listening for requests that {@code runner} serves (its in-flight limit, not the
   * config's, applies); returns once the port is bound. Closing the server shuts the runner down.
   */
  public static HttpServer start(HttpServerConfig config, RequestRunner runner) {
    HttpServer server = new HttpServer(config, runner);
    try {
      server.bind();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void bind() {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(loops.acceptor(), loops.io())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    if (ssl == null) {
                      http1(ch.pipeline());
                    } else {
                      ch.pipeline()
                          .addLast(
                              new SslHandler(ssl.newEngine()),
                              new Alpn(
                                  (ctx, protocol) -> {
                                    if (Alpn.HTTP_2.equals(protocol)) {
                                      http2(ctx.pipeline());
                                    } else {
                                      http1(ctx.pipeline());
                                    }
                                  }));
                    }
                  }
                });
    try {
      listener =
          b.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on "
              + config.bindAddress().getHostAddress()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The bound port (useful when the configured port was 0). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Whether the server speaks TLS. */
  public boolean isTls() {
    return ssl != null;
  }

  private void http1(ChannelPipeline p) {
    p.addLast(new HttpServerCodec(8192, 16384, 8192));
    p.addLast(new BoundedAggregator(config.maxBodyBytes()));
    p.addLast(new Dispatcher(this, "HTTP/1.1"));
  }

  private void http2(ChannelPipeline p) {
    p.addLast(
        // Responses of many streams finish in one event-loop turn: flush (and so encrypt and
        // write) them together, not once per response.
        new FlushConsolidationHandler(256, true),
        Http2FrameCodecBuilder.forServer().build(),
        new Http2MultiplexHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel stream) {
                stream
                    .pipeline()
                    .addLast(
                        new Http2StreamFrameToHttpObjectCodec(true),
                        new BoundedAggregator(config.maxBodyBytes()),
                        new Dispatcher(HttpServer.this, "HTTP/2"));
              }
            }));
  }

  HttpHandler handler() {
    return runner.handler();
  }

  ExecutorService executor() {
    return runner.executor();
  }

  Semaphore inFlight() {
    return runner.inFlight();
  }

  CompletableFuture<Void> shuttingDownSignal() {
    return runner.shuttingDownSignal();
  }

  HttpServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    runner.beginShutdown();
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    runner.awaitHandlers();
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    EventLoops.SHARED.release(loops);
  }
}
