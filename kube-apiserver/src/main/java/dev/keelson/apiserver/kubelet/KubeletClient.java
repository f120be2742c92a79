package dev.keelson.apiserver.kubelet;

import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.meta.Status;
import dev.keelson.apiserver.tls.IssuedCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The API server's client of the kubelet API on the nodes: HTTPS requests (pod logs) and WebSocket
 * sessions (exec, attach), authenticated with the API server's kubelet client certificate.
 *
 * <p>Failures to reach a kubelet become a 500 Status whose message says what failed, as
 * kube-apiserver's do ({@code error dialing backend: dial tcp 10.0.0.7:10250: connect: connection
 * refused}).
 */
public final class KubeletClient implements AutoCloseable {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final KubeletClientConfig config;
  private final Supplier<Credentials> credentials;
  private final Object lock = new Object();
  // Made on first use, under lock: most servers (and every test server) never reach a kubelet,
  // and the TLS context, the HTTP client's selector thread and the event loop cost start-up time.
  private Connectors connectors;
  private boolean closed;

  /**
   * What the API server trusts and presents towards kubelets.
   *
   * @param clusterCa the CA kubelet serving certificates must chain to, or {@code null}
   * @param clientCertificate the API server's client certificate, or {@code null}
   */
  public record Credentials(X509Certificate clusterCa, IssuedCertificate clientCertificate) {}

  private record Connectors(SSLContext ssl, HttpClient http, EventLoopGroup group) {}

  /**
   * @param clusterCa the CA kubelet serving certificates must chain to, or {@code null}
   * @param clientCertificate the API server's client certificate, or {@code null}
   */
  public KubeletClient(
      KubeletClientConfig config, X509Certificate clusterCa, IssuedCertificate clientCertificate) {
    this(config, () -> new Credentials(clusterCa, clientCertificate));
  }

  /**
   * A client whose credentials are asked for on first use (they may still be being issued when the
   * server starts).
   */
  public KubeletClient(KubeletClientConfig config, Supplier<Credentials> credentials) {
    this.config = config;
    this.credentials = credentials;
  }

  private Connectors connectors() {
    synchronized (lock) {
      if (closed) {
        throw unreachable("error dialing backend: the API server is shutting down");
      }
      if (connectors == null) {
        Credentials c = credentials.get();
        SSLContext ssl =
            KubeletTls.context(
                c.clusterCa(), c.clientCertificate(), config.insecureSkipTlsVerify());
        HttpClient http =
            HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        connectors = new Connectors(ssl, http, new NioEventLoopGroup(1));
      }
      return connectors;
    }
  }

  /** The configuration in force. */
  public KubeletClientConfig config() {
    return config;
  }

  /** A kubelet's answer to a GET: status, content type and the body as a stream. */
  public record Response(int code, String contentType, InputStream body) implements AutoCloseable {
    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // nothing to do: the connection is dropped either way
      }
    }
  }

  /**
   * GETs {@code pathAndQuery} (already encoded) from the node's kubelet; returns once the response
   * headers arrived. The caller closes the response.
   *
   * @throws ApiException 500 when the kubelet cannot be reached
   */
  public Response get(NodeEndpoint node, String pathAndQuery) {
    URI uri = URI.create("https://" + node.authority() + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
    try {
      HttpResponse<InputStream> r =
          connectors().http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      return new Response(
          r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable("Get \"" + uri + "\": interrupted");
    } catch (IOException e) {
      throw unreachable("Get \"" + uri + "\": " + describe(node, e));
    }
  }

  /** The outcome of a WebSocket dial: upgraded, or refused with an HTTP answer. */
  public sealed interface Dialed permits Upgraded, Refused {}

  /**
   * The kubelet accepted: {@code channel} carries WebSocket frames in {@code protocol}; reading is
   * off until {@link #relay} links it to the client.
   */
  public record Upgraded(Channel channel, String protocol) implements Dialed {}

  /** The kubelet answered without upgrading; relay its answer to the client. */
  public record Refused(int code, String contentType, byte[] body) implements Dialed {}

  /**
   * Opens a WebSocket to the node's kubelet at {@code pathAndQuery} (already encoded), offering
   * {@code protocols} in order. Blocks (at most twice the connect timeout).
   *
   * @throws ApiException 500 when the kubelet cannot be reached or the handshake fails
   */
  public Dialed dialWebSocket(NodeEndpoint node, String pathAndQuery, List<String> protocols) {
    URI uri = URI.create("wss://" + node.authority() + pathAndQuery);
    WebSocketClientHandshaker handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri,
            WebSocketVersion.V13,
            String.join(",", protocols),
            false,
            new DefaultHttpHeaders(),
            config.maxFrameBytes(),
            true,
            false,
            -1);
    CompletableFuture<Dialed> result = new CompletableFuture<>();
    Connectors connectors = connectors();
    SSLContext ssl = connectors.ssl();
    Bootstrap b =
        new Bootstrap()
            .group(connectors.group())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SSLEngine engine = ssl.createSSLEngine(node.host(), node.port());
                    engine.setUseClientMode(true);
                    SSLParameters params = engine.getSSLParameters();
                    if (!config.insecureSkipTlsVerify()) {
                      params.setEndpointIdentificationAlgorithm("HTTPS");
                    }
                    engine.setSSLParameters(params);
                    SslHandler tls = new SslHandler(engine);
                    tls.setHandshakeTimeout(
                        config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    ch.pipeline()
                        .addLast(tls)
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(MAX_ERROR_BODY))
                        .addLast(new Handshake(handshaker, result));
                  }
                });
    ChannelFuture connect = b.connect(node.host(), node.port());
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            result.completeExceptionally(f.cause());
          }
        });
    try {
      return result.get(config.connectTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connect.channel().close();
      throw unreachable("error dialing backend: interrupted");
    } catch (TimeoutException e) {
      connect.channel().close();
      throw unreachable("error dialing backend: dial tcp " + node.authority() + ": i/o timeout");
    } catch (ExecutionException e) {
      connect.channel().close();
      throw unreachable("error dialing backend: " + describe(node, e.getCause()));
    }
  }

  /**
   * Relays frames between the client's upgraded connection and the kubelet's until either side
   * closes; returns at once. {@code client}'s pipeline gets the relay handler at its end.
   */
  public static void relay(Channel client, Upgraded kubelet) {
    RelayEnd clientEnd = new RelayEnd();
    client.pipeline().addLast("kubelet-relay", clientEnd);
    RelayEnd kubeletEnd = kubelet.channel().pipeline().get(RelayEnd.class);
    clientEnd.link(client, kubelet.channel());
    kubeletEnd.link(kubelet.channel(), client);
  }

  /** Closes a kubelet session that will not be relayed (the client's upgrade failed). */
  public static void abandon(Upgraded kubelet) {
    RelayEnd end = kubelet.channel().pipeline().get(RelayEnd.class);
    if (end != null) {
      end.discard(kubelet.channel());
    } else {
      kubelet.channel().close();
    }
  }

  private static String describe(NodeEndpoint node, Throwable e) {
    String dial = "dial tcp " + node.authority() + ": ";
    if (e instanceof HttpConnectTimeoutException
        || e instanceof io.netty.channel.ConnectTimeoutException) {
      return dial + "i/o timeout";
    }
    if (e instanceof ConnectException) {
      return dial + "connect: connection refused";
    }
    if (e instanceof SSLException || e.getCause() instanceof SSLException) {
      Throwable t = e instanceof SSLException ? e : e.getCause();
      return "tls: " + t.getMessage();
    }
    if (e instanceof ClosedChannelException) {
      return "connection closed by " + node.authority();
    }
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }

  private static ApiException unreachable(String message) {
    // kube-apiserver answers errors that are not API statuses with 500 and no reason.
    return new InternalErrorException(Status.failure(500, null, message, null));
  }

  @Override
  public void close() {
    Connectors c;
    synchronized (lock) {
      closed = true;
      c = connectors;
    }
    if (c != null) {
      c.group().shutdownGracefully(0, 2, TimeUnit.SECONDS);
      c.http().shutdownNow(); // aborts log streams still open (close() would wait for them)
    }
  }

  /** Sends the upgrade request once TLS is up and reads the kubelet's answer. */
  private static final class Handshake extends ChannelInboundHandlerAdapter {
    private final WebSocketClientHandshaker handshaker;
    private final CompletableFuture<Dialed> result;

    Handshake(WebSocketClientHandshaker handshaker, CompletableFuture<Dialed> result) {
      this.handshaker = handshaker;
      this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.pipeline()
          .get(SslHandler.class)
          .handshakeFuture()
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  handshaker
                      .handshake(ctx.channel())
                      .addListener(
                          w -> {
                            if (!w.isSuccess()) {
                              result.completeExceptionally(w.cause());
                            }
                          });
                } else {
                  result.completeExceptionally(f.cause());
                }
              });
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpResponse response)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      try {
        if (response.status().code() == 101) {
          ctx.channel().config().setAutoRead(false);
          handshaker.finishHandshake(ctx.channel(), response);
          ctx.pipeline().replace(this, "kubelet-relay", new RelayEnd());
          result.complete(new Upgraded(ctx.channel(), handshaker.actualSubprotocol()));
        } else {
          String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
          result.complete(
              new Refused(
                  response.status().code(), type, ByteBufUtil.getBytes(response.content())));
          ctx.close();
        }
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        ctx.close();
      } finally {
        response.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.completeExceptionally(new ClosedChannelException());
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.completeExceptionally(cause);
      ctx.close();
    }
  }
}
