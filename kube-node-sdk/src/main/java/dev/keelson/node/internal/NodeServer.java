package dev.keelson.node.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keelson.client.tls.SingleKeyManager;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.NodeServing;
import dev.keelson.node.logs.CriLogReader;
import dev.keelson.node.logs.LogOptions;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ContainerState;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.InProcessExec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTPS endpoint, the subset of the kubelet API the API server calls for {@code
 * pods/log}, {@code pods/exec} and {@code pods/attach} (see "The node contract" in
 * docs/architecture.md): HTTP/1.1 over TLS; a client certificate signed by a configured CA is
 * required (401 without one), and its user must be {@code kube-apiserver-kubelet-client} or in
 * {@code system:masters} (403 otherwise).
 */
public final class NodeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
  private static final String API_SERVER_USER = "kube-apiserver-kubelet-client";
  private static final String MASTERS = "system:masters";
  private static final int MAX_FRAME = 1024 * 1024;

  private final NodeAgentConfig config;
  private final ContainerRuntime runtime;
  private final PodWorkers workers;
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel listener;

  private NodeServer(NodeAgentConfig config, ContainerRuntime runtime, PodWorkers workers)
      throws Exception {
    this.config = config;
    this.runtime = runtime;
    this.workers = workers;
    NodeServing serving = config.serving();
    SSLContext ssl = sslContext(serving);
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("tls", new SslHandler(serverEngine(ssl)))
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(64 * 1024))
                        .addLast("requests", new Requests());
                  }
                })
            .bind(new InetSocketAddress(config.serverAddress(), config.kubeletPort()))
            .sync()
            .channel();
  }

  /** Starts serving on the configured address and port. */
  public static NodeServer start(
      NodeAgentConfig config, ContainerRuntime runtime, PodWorkers workers) {
    try {
      return new NodeServer(config, runtime, workers);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot serve the node endpoint on "
              + config.serverAddress()
              + ":"
              + config.kubeletPort()
              + ": "
              + e,
          e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      try {
        serve(ctx, req);
      } catch (NodeRequestException e) {
        text(ctx, HttpResponseStatus.valueOf(e.code()), e.getMessage());
      } catch (RuntimeException e) {
        LOG.info("node request {} failed", req.uri(), e);
        text(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString());
      }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
      String user = authenticate(ctx);
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String[] parts = q.path().split("/");
      String kind = parts.length > 1 ? parts[1] : "";
      if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.POST)) {
        throw new NodeRequestException(405, "405: Method Not Allowed");
      }
      if (parts.length != 5
          || !(kind.equals("containerLogs") || kind.equals("exec") || kind.equals("attach"))) {
        throw new NodeRequestException(404, "404 page not found");
      }
      LOG.debug("{} {} by {}", req.method(), req.uri(), user);
      String ns = parts[2];
      String pod = parts[3];
      String container = parts[4];
      Map<String, List<String>> p = q.parameters();
      if (kind.equals("containerLogs")) {
        logs(ctx, ns, pod, container, p);
      } else {
        exec(ctx, req, kind.equals("attach"), ns, pod, container, p);
      }
    }

    /** The client certificate's user, or 401/403. */
    private String authenticate(ChannelHandlerContext ctx) {
      X509Certificate peer;
      try {
        peer =
            (X509Certificate)
                ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates()[0];
      } catch (Exception none) {
        throw new NodeRequestException(401, "Unauthorized");
      }
      String user = "";
      boolean master = false;
      try {
        for (Rdn rdn : new LdapName(peer.getSubjectX500Principal().getName()).getRdns()) {
          if (rdn.getType().equalsIgnoreCase("CN")) {
            user = rdn.getValue().toString();
          } else if (rdn.getType().equalsIgnoreCase("O")
              && rdn.getValue().toString().equals(MASTERS)) {
            master = true;
          }
        }
      } catch (Exception bad) {
        throw new NodeRequestException(401, "Unauthorized");
      }
      if (!master && !user.equals(API_SERVER_USER)) {
        throw new NodeRequestException(
            403, "Forbidden (user=" + user + ", verb=get, resource=nodes, subresource=proxy)");
      }
      return user;
    }

    private void logs(
        ChannelHandlerContext ctx,
        String ns,
        String pod,
        String container,
        Map<String, List<String>> p) {
      LogOptions o =
          new LogOptions(
              flag(p, "follow"),
              number(p, "tailLines"),
              null,
              flag(p, "timestamps"),
              number(p, "limitBytes"));
      long sinceSeconds = number(p, "sinceSeconds");
      String sinceTime = one(p, "sinceTime");
      if (sinceSeconds >= 0) {
        o = o.withSince(config.clock().instant().minusSeconds(sinceSeconds));
      } else if (sinceTime != null) {
        try {
          o = o.withSince(Instant.parse(sinceTime));
        } catch (DateTimeParseException e) {
          throw new NodeRequestException(400, "invalid sinceTime: " + sinceTime);
        }
      }
      ContainerHandle h = workers.container(ns, pod, container, flag(p, "previous"));
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      Channel ch = ctx.channel();
      ch.writeAndFlush(head);
      LogOptions options = o;
      Thread reader =
          Thread.ofVirtual()
              .name("logs " + ns + "/" + pod + "/" + container)
              .start(
                  () -> {
                    ChannelOutput out =
                        new ChannelOutput(ch, -1, 8 * 1024, DefaultHttpContent::new);
                    try {
                      CriLogReader.read(
                          h.logFile(),
                          options,
                          out,
                          () -> h.current() && running(h.containerId()),
                          Duration.ofMillis(100));
                      out.flush();
                    } catch (IOException | InterruptedException e) {
                      // the client left or the file went away: end the answer
                    }
                    ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                        .addListener(ChannelFutureListener.CLOSE);
                  });
      ch.closeFuture().addListener(f -> reader.interrupt());
    }

    private boolean running(String containerId) {
      try {
        return runtime.containerStatus(containerId).state() == ContainerState.RUNNING;
      } catch (RuntimeException gone) {
        return false;
      }
    }

    private void exec(
        ChannelHandlerContext ctx,
        FullHttpRequest req,
        boolean attach,
        String ns,
        String pod,
        String container,
        Map<String, List<String>> p) {
      List<String> command = p.getOrDefault("command", List.of());
      if (!attach && command.isEmpty()) {
        throw new NodeRequestException(400, "you must specify at least 1 command");
      }
      ContainerHandle h = workers.container(ns, pod, container, false);
      if (!h.current() || !running(h.containerId())) {
        throw new NodeRequestException(
            400, "container " + container + " is not valid for pod " + pod + ": not running");
      }
      if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE, ""))) {
        throw new NodeRequestException(
            400, "this node serves exec and attach over WebSocket (v5.channel.k8s.io)");
      }
      boolean stdin = flag(p, "stdin") || flag(p, "input");
      boolean stdout = flag(p, "stdout") || flag(p, "output");
      boolean stderr = flag(p, "stderr") || flag(p, "error");
      boolean tty = flag(p, "tty");
      if (runtime instanceof InProcessExec local) {
        ExecSession.Body body =
            attach
                ? (in, out, err) -> local.attach(h.containerId(), stdin ? in : null, out, err)
                : (in, out, err) ->
                    local.exec(
                        h.containerId(),
                        new ExecRequest(command, tty, stdin, stdout, stderr),
                        in,
                        out,
                        err);
        WebSocketServerHandshaker hs =
            new WebSocketServerHandshakerFactory(
                    "wss://node" + req.uri(),
                    "v5.channel.k8s.io,v4.channel.k8s.io",
                    false,
                    MAX_FRAME)
                .newHandshaker(req);
        if (hs == null) {
          WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
          return;
        }
        ExecSession session =
            new ExecSession(attach ? List.of("attach") : command, stdin, stdout, stderr, body);
        ctx.pipeline().replace(this, "session", session);
        hs.handshake(ctx.channel(), req)
            .addListener(
                f -> {
                  if (f.isSuccess()) {
                    session.start(ctx.channel());
                  } else {
                    ctx.close();
                  }
                });
        return;
      }
      if (attach) {
        throw new NodeRequestException(400, "this node's runtime cannot attach to containers");
      }
      URI target;
      try {
        target =
            runtime.exec(h.containerId(), new ExecRequest(command, tty, stdin, stdout, stderr));
      } catch (UnsupportedOperationException e) {
        throw new NodeRequestException(400, e.getMessage());
      }
      try {
        StreamRelay.start(ctx.channel(), req, target);
      } catch (IOException e) {
        throw new NodeRequestException(500, "cannot reach the streaming server: " + e);
      }
      ctx.pipeline().remove("aggregate");
      ctx.pipeline().remove("http");
      ctx.pipeline().remove(this);
    }

    private void text(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
      DefaultFullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, UTF_8));
      r.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static String one(Map<String, List<String>> p, String name) {
    List<String> v = p.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static boolean flag(Map<String, List<String>> p, String name) {
    String v = one(p, name);
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  private static long number(Map<String, List<String>> p, String name) {
    String v = one(p, name);
    if (v == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new NodeRequestException(400, name + " must be a non-negative integer: " + v);
    }
  }

  /**
   * The JDK TLS context of the endpoint: the serving key handed to the engine as it is (Netty's
   * {@code SslContextBuilder.forServer(key, chain)} first stores it in a PKCS #12 key store, which
   * runs 10,000 PBKDF2 rounds twice per node), and client certificates checked against the
   * configured authorities.
   */
  private static SSLContext sslContext(NodeServing serving) throws GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      trusted.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot make an empty key store", e);
    }
    int i = 0;
    for (X509Certificate ca : serving.clientCertificateAuthorities()) {
      trusted.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(
        new KeyManager[] {
          new SingleKeyManager(
              serving.privateKey(), serving.certificateChain().toArray(X509Certificate[]::new))
        },
        trust.getTrustManagers(),
        null);
    return ssl;
  }

  /** A server engine that asks for (but does not require) a client certificate. */
  private static SSLEngine serverEngine(SSLContext ssl) {
    SSLEngine engine = ssl.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setWantClientAuth(true);
    engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    return engine;
  }
}
