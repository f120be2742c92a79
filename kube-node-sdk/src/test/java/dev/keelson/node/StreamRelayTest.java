package dev.keelson.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.simulated.SimulatedRuntime;
import dev.keelson.node.spi.ContainerEvents;
import dev.keelson.node.spi.ContainerRuntime;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.Prober;
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
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * For a runtime that answers exec with a streaming server's URL (as CRI runtimes do), the node's
 * endpoint proxies the WebSocket session to that URL: the upgrade reaches the streaming server at
 * its own path and frames flow both ways unchanged.
 */
class StreamRelayTest {

  @Test
  void execIsRelayedToTheRuntimesStreamingServer() throws Exception {
    try (AgentHarness h = new AgentHarness();
        Streaming streaming = new Streaming()) {
      CertificateAuthority ca =
          CertificateAuthority.generate(
              "test-ca", Duration.ofDays(1), java.time.InstantSource.system());
      IssuedCertificate serving =
          ca.issueServer(
              "n", List.of("n"), List.of(InetAddress.getByName("127.0.0.1")), Duration.ofDays(1));
      FakeClock clock = new FakeClock(java.time.Instant.parse("2024-01-01T00:00:00Z"));
      SimulatedRuntime sim = new SimulatedRuntime(clock, Duration.ZERO);
      ContainerRuntime runtime = streamingRuntime(sim, streaming.url());
      try (NodeAgent agent =
          NodeAgent.start(
              h.client,
              NodeAgentConfig.builder("relay-node")
                  .clock(clock)
                  .runtime(runtime)
                  .hostIp("127.0.0.1")
                  .serverAddress("127.0.0.1")
                  .kubeletPort(0)
                  .serving(
                      new NodeServing(
                          serving.privateKey(),
                          List.of(serving.certificate()),
                          List.of(ca.certificate().certificate())))
                  .build())) {
        String ns = h.namespace();
        AgentHarness.SimNode node =
            new AgentHarness.SimNode("relay-node", clock, sim, agent, null, null);
        h.createPod(ns, node, "metadata: {name: p}\nspec: {containers: [{name: c, image: img}]}");
        h.await(
            ns,
            "p",
            "running",
            p ->
                p.status() != null
                    && !p.status().containerStatuses().isEmpty()
                    && p.status().containerStatuses().get(0).state().running() != null);

        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws =
            client(ca)
                .newWebSocketBuilder()
                .subprotocols("v4.channel.k8s.io")
                .buildAsync(
                    URI.create(
                        "wss://127.0.0.1:"
                            + agent.serverPort()
                            + "/exec/"
                            + ns
                            + "/p/c?command=cat&stdin=1&stdout=1"),
                    new WebSocket.Listener() {
                      @Override
                      public CompletionStage<?> onBinary(
                          WebSocket w, ByteBuffer data, boolean last) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        got.add(b[0] + ":" + new String(b, 1, b.length - 1, UTF_8));
                        w.request(1);
                        return null;
                      }

                      @Override
                      public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete(code);
                        return null;
                      }
                    })
                .get(20, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("v4.channel.k8s.io");
        ws.sendBinary(ByteBuffer.wrap("\0from client".getBytes(UTF_8)), true)
            .get(10, TimeUnit.SECONDS);
        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(got)
            .containsExactly(
                "1:hello from the streaming server",
                "1:from client",
                "3:{\"metadata\":{},\"status\":\"Success\"}");
        assertThat(streaming.paths).containsExactly("/exec/token-for-cat");
      }
    }
  }

  /** The simulated runtime, but exec answers the streaming server's URL (like a CRI runtime). */
  private static ContainerRuntime streamingRuntime(SimulatedRuntime sim, String url) {
    return (ContainerRuntime)
        Proxy.newProxyInstance(
            StreamRelayTest.class.getClassLoader(),
            new Class<?>[] {ContainerRuntime.class, ContainerEvents.class, Prober.class},
            (proxy, m, args) -> {
              if (m.getName().equals("exec") && m.getParameterCount() == 2) {
                ExecRequest r = (ExecRequest) args[1];
                return URI.create(url + "/exec/token-for-" + String.join("-", r.command()));
              }
              try {
                return m.invoke(sim, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static HttpClient client(CertificateAuthority ca) throws Exception {
    IssuedCertificate me =
        ca.issueClient(
            "kube-apiserver-kubelet-client", List.of("system:masters"), Duration.ofHours(1));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate().certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("me", me.privateKey(), new char[0], new Certificate[] {me.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  /** A plain-HTTP streaming server: greets on stdout, echoes one stdin message, then succeeds. */
  private static final class Streaming implements AutoCloseable {
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel listener;

    Streaming() throws InterruptedException {
      listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(65536))
                          .addLast(new Upgrade());
                    }
                  })
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .sync()
              .channel();
    }

    String url() {
      return "http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
      listener.close().awaitUninterruptibly();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        paths.add(req.uri());
        WebSocketServerHandshaker hs =
            new WebSocketServerHandshakerFactory(
                    "ws://x" + req.uri(), "v4.channel.k8s.io", false, 65536)
                .newHandshaker(req);
        ctx.pipeline()
            .replace(
                this,
                "ws",
                new SimpleChannelInboundHandler<WebSocketFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext c, WebSocketFrame f) {
                    if (f instanceof BinaryWebSocketFrame && f.content().readableBytes() > 1) {
                      ByteBuf in = f.content();
                      in.readByte();
                      send(c.channel(), 1, in.toString(UTF_8));
                      send(c.channel(), 3, "{\"metadata\":{},\"status\":\"Success\"}");
                      c.channel()
                          .writeAndFlush(new CloseWebSocketFrame(1000, null))
                          .addListener(ChannelFutureListener.CLOSE);
                    }
                  }
                });
        hs.handshake(ctx.channel(), req)
            .addListener(x -> send(ctx.channel(), 1, "hello from the streaming server"));
      }
    }

    private static void send(Channel ch, int stream, String text) {
      byte[] b = text.getBytes(UTF_8);
      ch.writeAndFlush(
          new BinaryWebSocketFrame(Unpooled.buffer(b.length + 1).writeByte(stream).writeBytes(b)));
    }
  }
}
