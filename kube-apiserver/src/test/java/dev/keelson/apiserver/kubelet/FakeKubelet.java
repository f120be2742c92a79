package dev.keelson.apiserver.kubelet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A kubelet API for tests, on loopback over TLS (serving certificate from the given CA, client
 * certificates checked against it): {@code GET /containerLogs/{ns}/{pod}/{container}} and the
 * WebSocket {@code /exec/{ns}/{pod}/{container}} (subprotocols v5 and v4.channel.k8s.io).
 *
 * <p>Logs: {@code <container> line 1..5} (with {@code previous}: {@code previous <container> line
 * 1..2}), honouring {@code tailLines}, {@code timestamps} and {@code limitBytes}; with {@code
 * follow}, then {@code follow N} every 20 ms until the client leaves (at most 3,000). Container
 * {@code waiting}: 400 {@code container "waiting" in pod "<pod>" is waiting to start:
 * ContainerCreating} (for exec too, before the upgrade).
 *
 * <p>Exec commands: {@code echo ARGS} writes the arguments; {@code fail} writes {@code to stdout}
 * and {@code to stderr} and exits 3; {@code cat} copies stdin to stdout until stdin is closed (v5
 * close signal); {@code resize} writes the first resize message it gets; {@code flood N} writes N
 * stdout frames of 32 KiB (frame i filled with byte i mod 256) as fast as the connection takes
 * them; anything else exits 127. {@code /attach} is {@code cat}.
 */
public final class FakeKubelet implements AutoCloseable {
  /** One request the kubelet served: path with query, and the client certificate's subject. */
  public record Seen(String uri, String clientSubject, String protocol) {}

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Channel listener;
  private final java.util.concurrent.atomic.AtomicInteger floodWritten =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param ca signs the serving certificate (for 127.0.0.1) and is the client CA
   * @param requireClientCertificate whether a client without a certificate is refused
   */
  public FakeKubelet(CertificateAuthority ca, boolean requireClientCertificate) throws Exception {
    IssuedCertificate serving =
        ca.issueServer(
            "fake-kubelet",
            List.of("localhost"),
            List.of(InetAddress.getByName("127.0.0.1")),
            Duration.ofDays(1));
    SslContext ssl =
        SslContextBuilder.forServer(serving.privateKey(), serving.certificate())
            .sslProvider(SslProvider.JDK)
            .trustManager(ca.certificate().certificate())
            .clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
            .build();
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(ssl.newHandler(ch.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new Requests());
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /**
   * How many frames {@code flood} commands wrote so far (it writes only while the API server
   * reads).
   */
  public int floodWritten() {
    return floodWritten.get();
  }

  /** The requests served so far. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String[] parts = q.path().split("/");
      String subject = "";
      try {
        X509Certificate peer =
            (X509Certificate)
                ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates()[0];
        subject = peer.getSubjectX500Principal().getName();
      } catch (Exception none) {
        // no client certificate
      }
      seen.add(new Seen(req.uri(), subject, req.headers().get("sec-websocket-protocol", "")));
      if (parts.length != 5) {
        text(ctx, HttpResponseStatus.NOT_FOUND, "404 page not found");
        return;
      }
      String pod = parts[3];
      String container = parts[4];
      if (container.equals("waiting")) {
        text(
            ctx,
            HttpResponseStatus.BAD_REQUEST,
            "container \"waiting\" in pod \"" + pod + "\" is waiting to start: ContainerCreating");
        return;
      }
      switch (parts[1]) {
        case "containerLogs" -> logs(ctx, q.parameters(), container);
        case "exec" -> exec(ctx, req, q.parameters().getOrDefault("command", List.of()));
        case "attach" -> exec(ctx, req, List.of("cat")); // the container's stdin echoes back
        default -> text(ctx, HttpResponseStatus.NOT_FOUND, "404 page not found");
      }
    }

    private void logs(ChannelHandlerContext ctx, Map<String, List<String>> p, String container) {
      List<String> lines = new ArrayList<>();
      boolean previous = p.containsKey("previous");
      int count = previous ? 2 : 5;
      for (int i = 1; i <= count; i++) {
        String line = (previous ? "previous " : "") + container + " line " + i;
        if (p.containsKey("timestamps")) {
          line = "2026-11-25T00:00:0" + i + ".000000000Z " + line;
        }
        lines.add(line + "\n");
      }
      if (p.containsKey("tailLines")) {
        int tail = Integer.parseInt(p.get("tailLines").get(0));
        lines = lines.subList(Math.max(0, lines.size() - tail), lines.size());
      }
      byte[] body = String.join("", lines).getBytes(UTF_8);
      if (p.containsKey("limitBytes")) {
        int limit = Integer.parseInt(p.get("limitBytes").get(0));
        body = java.util.Arrays.copyOf(body, Math.min(limit, body.length));
      }
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      ctx.write(head);
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body)));
      if (!p.containsKey("follow")) {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      int[] n = {0};
      var task =
          ctx.executor()
              .scheduleAtFixedRate(
                  () -> {
                    if (!ctx.channel().isActive() || n[0] >= 3000) {
                      ctx.close();
                      return;
                    }
                    n[0]++;
                    ctx.writeAndFlush(
                        new DefaultHttpContent(
                            Unpooled.copiedBuffer("follow " + n[0] + "\n", UTF_8)));
                  },
                  20,
                  20,
                  TimeUnit.MILLISECONDS);
      ctx.channel().closeFuture().addListener(f -> task.cancel(false));
    }

    private void exec(ChannelHandlerContext ctx, FullHttpRequest req, List<String> command) {
      WebSocketServerHandshaker hs =
          new WebSocketServerHandshakerFactory(
                  "wss://localhost" + req.uri(),
                  "v5.channel.k8s.io,v4.channel.k8s.io",
                  false,
                  1024 * 1024)
              .newHandshaker(req);
      if (hs == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return;
      }
      Session session = new Session(command, floodWritten);
      ctx.pipeline().replace(this, "session", session);
      hs.handshake(ctx.channel(), req)
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  session.start(ctx.channel(), hs.selectedSubprotocol());
                }
              });
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
  }

  /** One exec session over WebSocket. */
  private static final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final List<String> command;
    private final java.util.concurrent.atomic.AtomicInteger written;
    private Channel channel;
    private boolean done;
    private int floodLeft;
    private int floodNext;

    Session(List<String> command, java.util.concurrent.atomic.AtomicInteger written) {
      this.command = command;
      this.written = written;
    }

    private void flood() {
      while (floodLeft > 0 && channel.isWritable()) {
        ByteBuf b = Unpooled.buffer(32 * 1024 + 1);
        b.writeByte(1);
        for (int i = 0; i < 32 * 1024; i++) {
          b.writeByte(floodNext);
        }
        floodNext++;
        floodLeft--;
        channel.writeAndFlush(new BinaryWebSocketFrame(b));
        written.incrementAndGet();
      }
      if (floodLeft == 0) {
        floodLeft = -1;
        exit(0);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (floodLeft > 0 && ctx.channel().isWritable()) {
        flood();
      }
      ctx.fireChannelWritabilityChanged();
    }

    void start(Channel ch, String protocol) {
      channel = ch;
      String name = command.isEmpty() ? "" : command.get(0);
      switch (name) {
        case "echo" -> {
          send(1, String.join(" ", command.subList(1, command.size())) + "\n");
          exit(0);
        }
        case "fail" -> {
          send(1, "to stdout\n");
          send(2, "to stderr\n");
          exit(3);
        }
        case "cat", "resize" -> {
          // waits for input
        }
        case "flood" -> {
          floodLeft = Integer.parseInt(command.get(1));
          flood();
        }
        default -> exit(127);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        return;
      }
      if (frame instanceof CloseWebSocketFrame) {
        ctx.close();
        return;
      }
      if (!(frame instanceof BinaryWebSocketFrame) || done) {
        return;
      }
      ByteBuf data = frame.content();
      if (data.readableBytes() == 0) {
        return;
      }
      int stream = data.readUnsignedByte();
      String name = command.isEmpty() ? "" : command.get(0);
      if (stream == 0 && name.equals("cat")) {
        send(1, data.toString(UTF_8));
      } else if (stream == 255 && data.readableBytes() == 1 && data.readUnsignedByte() == 0) {
        if (name.equals("cat")) {
          exit(0); // stdin closed
        }
      } else if (stream == 4 && name.equals("resize")) {
        send(1, data.toString(UTF_8) + "\n");
        exit(0);
      }
    }

    private void send(int stream, String text) {
      byte[] bytes = text.getBytes(UTF_8);
      ByteBuf b = Unpooled.buffer(bytes.length + 1);
      b.writeByte(stream).writeBytes(bytes);
      channel.writeAndFlush(new BinaryWebSocketFrame(b));
    }

    private void exit(int code) {
      done = true;
      String status =
          code == 0
              ? "{\"metadata\":{},\"status\":\"Success\"}"
              : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with"
                  + " non-zero exit code: error executing command "
                  + command
                  + ", exit code "
                  + code
                  + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                  + "\"ExitCode\",\"message\":\""
                  + code
                  + "\"}]}}";
      send(3, status);
      channel
          .writeAndFlush(new CloseWebSocketFrame(1000, null))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
