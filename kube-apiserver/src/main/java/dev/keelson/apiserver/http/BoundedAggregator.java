package dev.keelson.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/** Aggregates a request body up to the limit; a larger one answers 413 as a Kubernetes Status. */
final class BoundedAggregator extends HttpObjectAggregator {
  private final int limit;

  BoundedAggregator(int limit) {
    super(limit, true);
    this.limit = limit;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    byte[] body = StatusResponses.body(StatusResponses.tooLarge(limit));
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            Unpooled.wrappedBuffer(body));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(r).addListener(f -> lingeringClose(ctx));
  }

  /**
   * Closes a connection whose client may still be sending a body nobody reads, without losing the
   * answer already written: a socket closed with unread input is reset by the kernel, and a reset
   * can discard the answer before the client reads it. So, as Go's HTTP server does: end the output
   * (TLS close_notify, then FIN), drop what still arrives (the aggregator discards the rest of an
   * oversized message), and close after 500 ms or when the client closes first.
   */
  static void lingeringClose(ChannelHandlerContext ctx) {
    Channel ch = ctx.channel();
    if (!(ch instanceof SocketChannel socket) || !ch.isActive()) {
      ch.close();
      return;
    }
    ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    SslHandler tls = ch.pipeline().get(SslHandler.class);
    if (tls == null) {
      socket.shutdownOutput();
    } else {
      tls.closeOutbound().addListener(f -> socket.shutdownOutput());
    }
    ch.config().setAutoRead(true);
  }

  private static final long LINGER_MILLIS = 500;
}
