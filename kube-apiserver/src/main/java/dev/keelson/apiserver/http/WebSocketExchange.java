package dev.keelson.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request that asked to upgrade to a WebSocket, as clients ask for watches (fabric8 tries a
 * WebSocket first; kube-apiserver serves watches either way). A whole answer ({@link #respond}) is
 * sent as plain HTTP, refusing the upgrade with the status the handler chose, as kube-apiserver
 * does for errors found before a watch starts. A streamed answer ({@link #stream}) completes the
 * handshake (101) and sends each written chunk as one text message, without its trailing newline:
 * one {@code WatchEvent} JSON per message, kube-apiserver's framing for JSON. The client's Close
 * frame ends the stream (the handler sees {@link #closed()}); Pings are answered; other client
 * messages are ignored.
 *
 * <p>Framing lives here and in {@link WebSocketUpgrade} only, so other WebSocket users (exec,
 * attach, port-forward) can share the handshake without touching the HTTP/1.1 path.
 */
final class WebSocketExchange implements Exchange {
  private static final int MAX_INBOUND_FRAME = 64 * 1024;

  private final NettyExchange http;
  private final ChannelHandlerContext ctx;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();

  WebSocketExchange(NettyExchange http, ChannelHandlerContext ctx) {
    this.http = http;
    this.ctx = ctx;
  }

  @Override
  public Request request() {
    return http.request();
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) {
    http.respond(status, headers, body);
  }

  /**
   * Handlers that speak their own WebSocket protocol (exec, attach: the channel.k8s.io framing)
   * take the connection over directly, as on a plain HTTP/1.1 exchange.
   */
  @Override
  public Channel upgradeToWebSocket(String subprotocol, int maxFramePayloadBytes)
      throws IOException {
    return http.upgradeToWebSocket(subprotocol, maxFramePayloadBytes);
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    if (status != 200) {
      return http.stream(status, headers);
    }
    http.markAnswered();
    http.releasePermit(); // long-running: not counted against the in-flight limit
    Channel ch = ctx.channel();
    try {
      ChannelFuture done = ctx.executor().submit(this::handshake).get(10, TimeUnit.SECONDS);
      if (done == null || !done.await(10, TimeUnit.SECONDS) || !done.isSuccess()) {
        ch.close();
        return new Failed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      return new Failed();
    } catch (ExecutionException | TimeoutException e) {
      ch.close();
      return new Failed();
    }
    ch.eventLoop()
        .execute(
            () -> {
              ch.config().setAutoRead(true);
              ch.read();
            });
    return new Messages();
  }

  /** On the event loop: answers 101 and swaps the HTTP codec for WebSocket framing. */
  private ChannelFuture handshake() {
    Request r = http.request();
    FullHttpRequest req =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, r.path());
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      for (String v : h.getValue()) {
        req.headers().add(h.getKey(), v);
      }
    }
    try {
      WebSocketServerHandshaker handshaker =
          new WebSocketServerHandshakerFactory(r.path(), null, false, MAX_INBOUND_FRAME)
              .newHandshaker(req);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return null;
      }
      ctx.pipeline().addBefore(ctx.name(), "keelson-websocket", new Control());
      return handshaker.handshake(ctx.channel(), req);
    } finally {
      req.release();
    }
  }

  @Override
  public CompletionStage<Void> closed() {
    return http.closed();
  }

  @Override
  public java.util.List<java.security.cert.X509Certificate> clientCertificates() {
    return http.clientCertificates();
  }

  @Override
  public CompletionStage<Void> shuttingDown() {
    return http.shuttingDown();
  }

  private void signalWritable() {
    lock.lock();
    try {
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Answers the client's control frames; drops its data frames. */
  private final class Control extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
      if (msg instanceof CloseWebSocketFrame close) {
        int code = close.statusCode() < 0 ? 1000 : close.statusCode();
        close.release();
        c.writeAndFlush(new CloseWebSocketFrame(code, ""))
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      } else if (msg instanceof PingWebSocketFrame ping) {
        c.writeAndFlush(new PongWebSocketFrame(ping.content()));
      } else if (msg instanceof io.netty.handler.codec.http.websocketx.WebSocketFrame) {
        ReferenceCountUtil.release(msg);
      } else {
        c.fireChannelRead(msg);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
      signalWritable();
      c.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
      signalWritable();
      c.fireChannelInactive();
    }
  }

  /** Each chunk one text message. */
  private final class Messages implements ResponseStream {
    private final AtomicBoolean done = new AtomicBoolean();

    @Override
    public void write(byte[] chunk) throws IOException {
      if (done.get()) {
        throw new IOException("stream closed");
      }
      int length = chunk.length;
      while (length > 0 && (chunk[length - 1] == '\n' || chunk[length - 1] == '\r')) {
        length--;
      }
      awaitWritable();
      ctx.channel().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(chunk, 0, length)));
    }

    private void awaitWritable() throws IOException {
      Channel ch = ctx.channel();
      long timeout = http.writeTimeout().toNanos();
      long deadline = System.nanoTime() + timeout;
      lock.lock();
      try {
        while (!ch.isWritable()) {
          if (!ch.isActive()) {
            throw new IOException("client disconnected");
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            ch.close();
            throw new IOException("client too slow: nothing read for " + http.writeTimeout());
          }
          writable.await(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        lock.unlock();
      }
      if (!ch.isActive()) {
        throw new IOException("client disconnected");
      }
    }

    /** Ends the session with a normal Close frame, then the connection. */
    @Override
    public void close() {
      Channel ch = ctx.channel();
      if (done.compareAndSet(false, true) && ch.isActive()) {
        ch.writeAndFlush(new CloseWebSocketFrame(1000, ""))
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
      }
    }
  }

  /** The handshake failed and the connection is closed: every write fails. */
  private static final class Failed implements ResponseStream {
    @Override
    public void write(byte[] chunk) throws IOException {
      throw new IOException("the WebSocket handshake failed");
    }

    @Override
    public void close() {}
  }
}
