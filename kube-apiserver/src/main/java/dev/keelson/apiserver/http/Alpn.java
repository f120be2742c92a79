package dev.keelson.apiserver.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the pipeline for the protocol ALPN chose once the TLS handshake has completed; what
 * arrives before then is held and passed on after. A client that negotiated no protocol gets
 * HTTP/1.1. A failed handshake closes the connection.
 */
final class Alpn extends ChannelInboundHandlerAdapter {
  static final String HTTP_2 = "h2";
  static final String HTTP_1_1 = "http/1.1";

  private static final Logger log = LoggerFactory.getLogger(Alpn.class);

  private final BiConsumer<ChannelHandlerContext, String> configure;
  private final ArrayDeque<Object> held = new ArrayDeque<>();

  /** {@code configure} adds the handlers for the protocol (HTTP_2 or HTTP_1_1) after this one. */
  Alpn(BiConsumer<ChannelHandlerContext, String> configure) {
    this.configure = configure;
  }

  /** The server's choice among what the client offers: h2, else http/1.1, else none (""). */
  static String select(List<String> offered) {
    if (offered.contains(HTTP_2)) {
      return HTTP_2;
    }
    return offered.contains(HTTP_1_1) ? HTTP_1_1 : "";
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    held.add(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // held until the pipeline is set up
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        String protocol = ssl == null ? null : ssl.engine().getApplicationProtocol();
        configure.accept(ctx, HTTP_2.equals(protocol) ? HTTP_2 : HTTP_1_1);
        ctx.pipeline().remove(this); // handlerRemoved passes on what was held
      } else {
        log.debug("TLS handshake failed from {}: {}", ctx.channel().remoteAddress(), done.cause());
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (held.isEmpty()) {
      return;
    }
    while (!held.isEmpty()) {
      ctx.fireChannelRead(held.poll());
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("TLS connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    release();
    ctx.close();
  }

  private void release() {
    while (!held.isEmpty()) {
      ReferenceCountUtil.release(held.poll());
    }
  }
}
