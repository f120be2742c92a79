package dev.keelson.apiserver.http;

import dev.keelson.api.errors.ApiException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each aggregated request into a {@link Request} and runs the handler on a virtual thread. On
 * HTTP/1.1 the connection reads no further request until the response is complete, so responses can
 * never be reordered.
 */
final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final HttpServer server;
  private final String protocol;
  private volatile NettyExchange current;

  Dispatcher(HttpServer server, String protocol) {
    this.server = server;
    this.protocol = protocol;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    boolean http1 = !"HTTP/2".equals(protocol);
    boolean keepAlive = !http1 || HttpUtil.isKeepAlive(msg);
    if (http1) {
      ctx.channel().config().setAutoRead(false);
    }
    NettyExchange exchange;
    try {
      exchange = new NettyExchange(server, ctx, toRequest(ctx, msg), http1, keepAlive);
    } catch (IllegalArgumentException | IllegalStateException e) {
      NettyExchange.fail(ctx, http1, keepAlive, StatusResponses.malformed(e.getMessage()));
      return;
    }
    current = exchange;
    if (!server.inFlight().tryAcquire()) {
      exchange.respond(StatusResponses.tooManyRequests(), Map.of("retry-after", "1"));
      return;
    }
    exchange.holdPermit();
    try {
      Exchange handled =
          WebSocketUpgrade.requested(exchange.request())
              ? new WebSocketExchange(exchange, ctx)
              : exchange;
      server.executor().execute(() -> run(exchange, handled));
    } catch (RejectedExecutionException e) { // shutting down
      exchange.releasePermit();
      exchange.respond(
          dev.keelson.api.errors.ServiceUnavailableException.of("the server is shutting down"),
          Map.of());
    }
  }

  private void run(NettyExchange exchange, Exchange handled) {
    try {
      server.handler().handle(handled);
      if (!exchange.answered()) {
        throw new IllegalStateException("the handler answered nothing");
      }
    } catch (ApiException e) {
      if (!exchange.answered()) {
        exchange.respond(e, Map.of());
      }
    } catch (Throwable t) {
      log.warn("{} {} failed", exchange.request().method(), exchange.request().path(), t);
      if (!exchange.answered()) {
        exchange.respond(StatusResponses.internal(t), Map.of());
      }
    } finally {
      exchange.releasePermit();
    }
  }

  private Request toRequest(ChannelHandlerContext ctx, FullHttpRequest msg) {
    if (msg.decoderResult().isFailure()) {
      throw new IllegalArgumentException(String.valueOf(msg.decoderResult().cause()));
    }
    QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : msg.headers()) {
      headers
          .computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.getValue());
    }
    InetSocketAddress remote =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a
            ? a
            : ctx.channel().parent() != null
                    && ctx.channel().parent().remoteAddress() instanceof InetSocketAddress p
                ? p
                : null;
    return new Request(
        msg.method().name(),
        uri.path(),
        Request.parseQuery(uri.rawQuery()),
        headers,
        ByteBufUtil.getBytes(msg.content()),
        protocol,
        remote);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    NettyExchange e = current;
    if (e != null) {
      e.writabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    NettyExchange e = current;
    if (e != null) {
      e.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
