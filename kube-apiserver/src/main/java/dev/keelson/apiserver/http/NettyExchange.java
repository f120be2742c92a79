package dev.keelson.apiserver.http;

import dev.keelson.api.errors.ApiException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One request on a Netty channel (an HTTP/1.1 connection or an HTTP/2 stream). */
final class NettyExchange implements Exchange {
  private final HttpServer server;
  private final ChannelHandlerContext ctx;
  private final Request request;
  private final boolean http1;
  private final boolean keepAlive;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final AtomicBoolean permit = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();

  NettyExchange(
      HttpServer server,
      ChannelHandlerContext ctx,
      Request request,
      boolean http1,
      boolean keepAlive) {
    this.server = server;
    this.ctx = ctx;
    this.request = request;
    this.http1 = http1;
    this.keepAlive = keepAlive;
  }

  @Override
  public Request request() {
    return request;
  }

  boolean answered() {
    return answered.get();
  }

  /**
   * Marks the request answered by other means (a WebSocket upgrade).
   *
   * @throws IllegalStateException if a response was already sent
   */
  void markAnswered() {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
  }

  java.time.Duration writeTimeout() {
    return server.config().writeTimeout();
  }

  void holdPermit() {
    permit.set(true);
  }

  void releasePermit() {
    if (permit.compareAndSet(true, false)) {
      server.inFlight().release();
    }
  }

  void respond(ApiException e, Map<String, String> extraHeaders) {
    Map<String, String> h = new HashMap<>(StatusResponses.JSON);
    h.putAll(extraHeaders);
    respond(e.code(), h, StatusResponses.body(e));
  }

  @Override
  public boolean gzips(long bodyBytes) {
    return bodyBytes >= Gzip.MIN_BYTES && Gzip.accepts(request.header("accept-encoding"));
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    boolean head = request.method().equals("HEAD"); // headers only, with the body's length
    if (!headers.containsKey("content-encoding") && gzips(body.length)) {
      body = Gzip.compress(body);
      Map<String, String> h = new HashMap<>(headers);
      h.put("content-encoding", "gzip");
      h.put("vary", "Accept-Encoding");
      headers = h;
    }
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    headers.forEach((k, v) -> r.headers().set(k, v));
    HttpUtil.setContentLength(r, body.length);
    finish(ctx.writeAndFlush(r));
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    releasePermit(); // long-running: not counted against the in-flight limit
    HttpResponse r =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    headers.forEach((k, v) -> r.headers().set(k, v));
    if (http1) {
      r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    ctx.writeAndFlush(r);
    return new Stream();
  }

  @Override
  public io.netty.channel.Channel upgradeToWebSocket(String subprotocol, int maxFramePayloadBytes)
      throws IOException {
    if (!http1) {
      throw new UnsupportedOperationException("WebSocket upgrades need HTTP/1.1");
    }
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered");
    }
    releasePermit(); // long-running
    io.netty.handler.codec.http.DefaultFullHttpRequest req =
        new io.netty.handler.codec.http.DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            io.netty.handler.codec.http.HttpMethod.valueOf(request.method()),
            request.path());
    request.headers().forEach((k, values) -> values.forEach(v -> req.headers().add(k, v)));
    io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13 handshaker =
        new io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13(
            request.path(),
            subprotocol,
            io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFramePayloadBytes)
                .allowExtensions(false)
                .expectMaskedFrames(true)
                .closeOnProtocolViolation(true)
                .build());
    ChannelFuture done = handshaker.handshake(ctx.channel(), req);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.close();
      throw new IOException("interrupted during the WebSocket handshake", e);
    }
    if (!done.isSuccess()) {
      ctx.close();
      throw new IOException("WebSocket handshake failed: " + done.cause(), done.cause());
    }
    return ctx.channel();
  }

  @Override
  public CompletionStage<Void> closed() {
    return closed;
  }

  @Override
  public java.util.List<java.security.cert.X509Certificate> clientCertificates() {
    io.netty.channel.Channel ch = ctx.channel();
    io.netty.handler.ssl.SslHandler ssl = ch.pipeline().get(io.netty.handler.ssl.SslHandler.class);
    if (ssl == null && ch.parent() != null) {
      ssl = ch.parent().pipeline().get(io.netty.handler.ssl.SslHandler.class);
    }
    if (ssl == null) {
      return java.util.List.of();
    }
    try {
      java.util.List<java.security.cert.X509Certificate> out = new java.util.ArrayList<>();
      for (java.security.cert.Certificate c : ssl.engine().getSession().getPeerCertificates()) {
        if (c instanceof java.security.cert.X509Certificate x) {
          out.add(x);
        }
      }
      return out;
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return java.util.List.of();
    }
  }

  @Override
  public CompletionStage<Void> shuttingDown() {
    return server.shuttingDownSignal();
  }

  void writabilityChanged() {
    lock.lock();
    try {
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void connectionClosed() {
    closed.complete(null);
    writabilityChanged();
  }

  private void finish(ChannelFuture done) {
    if (http1 && keepAlive) {
      done.addListener(
          f -> {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
          });
    } else if (http1) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Answers a request that never reached a handler. */
  static void fail(ChannelHandlerContext ctx, boolean http1, boolean keepAlive, ApiException e) {
    byte[] body = StatusResponses.body(e);
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(e.code()),
            Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    HttpUtil.setContentLength(r, body.length);
    ChannelFuture f = ctx.writeAndFlush(r);
    if (http1) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private final class Stream implements ResponseStream {
    private final AtomicBoolean done = new AtomicBoolean();

    @Override
    public void write(byte[] chunk) throws IOException {
      if (done.get()) {
        throw new IOException("stream closed");
      }
      awaitWritable();
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
    }

    private void awaitWritable() throws IOException {
      long deadline = System.nanoTime() + server.config().writeTimeout().toNanos();
      lock.lock();
      try {
        while (!ctx.channel().isWritable()) {
          if (!ctx.channel().isActive()) {
            throw new IOException("client disconnected");
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            ctx.close();
            throw new IOException(
                "client too slow: nothing read for " + server.config().writeTimeout());
          }
          writable.await(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        lock.unlock();
      }
      if (!ctx.channel().isActive()) {
        throw new IOException("client disconnected");
      }
    }

    @Override
    public void close() {
      if (done.compareAndSet(false, true) && ctx.channel().isActive()) {
        finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
      }
    }
  }
}
