package dev.keelson.node.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Proxies an upgrade request to a runtime's streaming server (the URL CRI {@code Exec} answers) as
 * kubelet does: the request goes to that URL with the client's upgrade headers, then bytes flow
 * unchanged both ways (the WebSocket handshake and frames are the streaming server's and the
 * client's). Each side stops reading while the other cannot take more.
 */
final class StreamRelay {
  private StreamRelay() {}

  /**
   * Starts relaying the client channel (whose HTTP handlers the caller removes after this returns)
   * to {@code target}. Refusals before the upstream answers close the client.
   */
  static void start(Channel client, FullHttpRequest request, URI target) throws SSLException {
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
    SslContext ssl = tls ? SslContextBuilder.forClient().build() : null;
    StringBuilder head = new StringBuilder();
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) {
      path += "?" + target.getRawQuery();
    }
    head.append("GET ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n");
    for (Map.Entry<String, String> h : request.headers()) {
      String name = h.getKey();
      if (name.equalsIgnoreCase(HttpHeaderNames.HOST.toString())
          || name.equalsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH.toString())) {
        continue;
      }
      head.append(name).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("\r\n");
    client.config().setAutoRead(false);
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                  ch.pipeline().addLast(ssl.newHandler(ch.alloc(), target.getHost(), port));
                }
                ch.pipeline().addLast(new Pipe(client));
              }
            })
        .connect(target.getHost(), port)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    client.close();
                    return;
                  }
                  Channel upstream = f.channel();
                  client.pipeline().addLast(new Pipe(upstream));
                  upstream.writeAndFlush(Unpooled.copiedBuffer(head, US_ASCII));
                  client.config().setAutoRead(true);
                  client.closeFuture().addListener(x -> upstream.close());
                  upstream.closeFuture().addListener(x -> flushAndClose(client));
                });
  }

  private static void flushAndClose(Channel ch) {
    ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Writes what one side reads to the other, pausing reads while the other is not writable. */
  private static final class Pipe extends ChannelInboundHandlerAdapter {
    private final Channel other;

    Pipe(Channel other) {
      this.other = other;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      // the other side's writability controls this side's reading
      other
          .pipeline()
          .addFirst(
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext c) {
                  ctx.channel().config().setAutoRead(other.isWritable());
                  c.fireChannelWritabilityChanged();
                }
              });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf)) {
        io.netty.util.ReferenceCountUtil.release(msg);
        return;
      }
      other.writeAndFlush(msg);
      if (!other.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      flushAndClose(other);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
