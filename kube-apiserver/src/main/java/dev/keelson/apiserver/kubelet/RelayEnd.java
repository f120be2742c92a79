package dev.keelson.apiserver.kubelet;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One end of a WebSocket relay: frames read on this end's channel are written, unchanged, to the
 * peer channel. Pings are answered on this hop. A close is answered on this hop and passed on; a
 * connection that drops without a close ends the peer with 1011, so the other side never mistakes a
 * lost session for a clean end.
 *
 * <p>Backpressure: when the peer cannot take more (its outbound buffer is above the high water
 * mark), this end stops reading; it reads again when the peer drains. Memory per session is thus
 * bounded by the two channels' water marks plus one frame in flight (frames are bounded by the
 * decoders' maximum payload).
 *
 * <p>Until {@link #link} the end keeps what it read (at most one read's worth: reading is off).
 */
final class RelayEnd extends ChannelInboundHandlerAdapter {
  private final ArrayDeque<WebSocketFrame> pending = new ArrayDeque<>();
  private volatile Channel self;
  private volatile Channel peer;
  private volatile boolean closeSent;

  /**
   * Starts relaying to {@code peer}: passes on what was read before (even if this end's connection
   * has closed since, as a kubelet that answers at once and hangs up does), then reads on.
   */
  void link(Channel own, Channel to) {
    own.eventLoop()
        .execute(
            () -> {
              self = own;
              peer = to;
              while (!pending.isEmpty()) {
                forward(own, pending.poll());
              }
              if (!own.isActive()) {
                if (!closeSent && to.isActive()) {
                  closeSent = true;
                  to.writeAndFlush(
                          new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR))
                      .addListener(ChannelFutureListener.CLOSE);
                }
                return;
              }
              own.config().setAutoRead(to.isWritable());
              own.read();
            });
  }

  /** Gives up before linking: closes this end's connection and drops what it read. */
  void discard(Channel own) {
    own.eventLoop()
        .execute(
            () -> {
              pending.forEach(ReferenceCountUtil::release);
              pending.clear();
              own.close();
            });
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    self = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (frame instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
      return;
    }
    if (frame instanceof PongWebSocketFrame) {
      frame.release();
      return;
    }
    if (peer == null) {
      pending.add(frame);
      return;
    }
    forward(ctx.channel(), frame);
  }

  private void forward(Channel own, WebSocketFrame frame) {
    Channel to = peer;
    if (frame instanceof CloseWebSocketFrame close) {
      int code = close.statusCode() < 0 ? 1000 : close.statusCode();
      closeSent = true;
      if (own.isActive()) {
        own.writeAndFlush(new CloseWebSocketFrame(code, null))
            .addListener(ChannelFutureListener.CLOSE);
      }
      if (to.isActive()) {
        to.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
      } else {
        close.release();
      }
      return;
    }
    to.writeAndFlush(frame);
    if (!to.isWritable()) {
      own.config().setAutoRead(false);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel from = peer;
    if (from != null && ctx.channel().isWritable()) {
      from.config().setAutoRead(true);
      from.read();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Channel to = peer; // before link, what was read stays pending: link passes it on
    if (to != null && to.isActive() && !closeSent) {
      closeSent = true;
      to.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR))
          .addListener(ChannelFutureListener.CLOSE);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
