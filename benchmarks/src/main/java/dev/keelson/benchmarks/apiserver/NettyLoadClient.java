package dev.keelson.benchmarks.apiserver;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean load generator: Netty HTTP/1.1 with keep-alive, one connection per concurrent request
 * (connections are pooled, so 32 client threads use 32 connections), TLS without ALPN (both servers
 * then speak HTTP/1.1), trusting any certificate; two I/O threads named {@code bench-client-io-*}.
 * Much less CPU per request than the JDK client, so that on a small machine the servers, not the
 * load generator, get the cores.
 */
final class NettyLoadClient implements LoadClient {
  private static final long TIMEOUT_SECONDS = 120;

  private final EventLoopGroup group;
  private final SslContext ssl;
  private final URI base;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Connection> all = new ConcurrentLinkedQueue<>();

  NettyLoadClient(URI base) {
    this.base = base;
    AtomicInteger n = new AtomicInteger();
    this.group =
        new NioEventLoopGroup(
            2,
            (java.util.concurrent.ThreadFactory)
                r -> new Thread(r, "bench-client-io-" + n.incrementAndGet()));
    try {
      this.ssl =
          base.getScheme().equals("https")
              ? SslContextBuilder.forClient()
                  .sslProvider(SslProvider.JDK)
                  .trustManager(InsecureTrustManagerFactory.INSTANCE)
                  .build()
              : null;
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Answer post(URI uri, byte[] json) throws IOException {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, path(uri), Unpooled.wrappedBuffer(json));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    HttpUtil.setContentLength(r, json.length);
    return send(r);
  }

  @Override
  public Answer get(URI uri) throws IOException {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, path(uri), Unpooled.EMPTY_BUFFER);
    if (Http.GZIP) {
      r.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
    }
    return send(r);
  }

  @Override
  public Answer delete(URI uri) throws IOException {
    FullHttpRequest r =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.DELETE, path(uri), Unpooled.EMPTY_BUFFER);
    HttpUtil.setContentLength(r, 0);
    return send(r);
  }

  private static String path(URI uri) {
    return uri.getRawQuery() == null
        ? uri.getRawPath()
        : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  private Answer send(FullHttpRequest request) throws IOException {
    request.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort());
    String what = request.method() + " " + request.uri();
    Connection c = idle.poll();
    if (c == null || !c.channel.isActive()) {
      c = open();
    }
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    c.pending = answer;
    c.what = what;
    c.channel.writeAndFlush(request);
    try {
      Answer a = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (c.channel.isActive() && c.keepAlive) {
        idle.add(c);
      } else {
        c.channel.close();
      }
      return a;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.channel.close();
      throw new IOException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      c.channel.close();
      throw new IOException(what + ": " + e, e);
    }
  }

  private Connection open() throws IOException {
    Connection c = new Connection();
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                      ch.pipeline()
                          .addLast(ssl.newHandler(ch.alloc(), base.getHost(), base.getPort()));
                    }
                    ch.pipeline()
                        .addLast(
                            new HttpClientCodec(),
                            new HttpObjectAggregator(256 * 1024 * 1024),
                            c.handler);
                  }
                });
    try {
      c.channel = b.connect(base.getHost(), base.getPort()).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (Exception e) {
      throw new IOException("cannot connect to " + base + ": " + e, e);
    }
    all.add(c);
    return c;
  }

  /** One keep-alive connection; one request at a time. */
  private static final class Connection {
    Channel channel;
    volatile CompletableFuture<Answer> pending;
    volatile String what;
    volatile boolean keepAlive = true;
    final SimpleChannelInboundHandler<FullHttpResponse> handler =
        new SimpleChannelInboundHandler<>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            keepAlive = HttpUtil.isKeepAlive(r);
            String encoding = r.headers().get(HttpHeaderNames.CONTENT_ENCODING, "identity");
            pending.complete(
                new Answer(
                    what,
                    r.status().code(),
                    "HTTP_1_1",
                    ByteBufUtil.getBytes(r.content()),
                    encoding));
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<Answer> p = pending;
            if (p != null) {
              p.completeExceptionally(cause);
            }
            ctx.close();
          }

          @Override
          public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<Answer> p = pending;
            if (p != null) {
              p.completeExceptionally(new IOException("connection closed"));
            }
          }
        };
  }

  @Override
  public void close() {
    for (Connection c : all) {
      c.channel.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
