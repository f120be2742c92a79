package dev.keelson.net.dns;

import dev.keelson.net.dns.DnsAnswer.Outcome;
import dev.keelson.net.dns.DnsWire.Rr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers decoded queries (UDP and TCP); forwards non-cluster names on a bounded pool. */
@Sharable
final class DnsQueryHandler extends SimpleChannelInboundHandler<DnsQuery> {

  private static final Logger LOG = LoggerFactory.getLogger(DnsQueryHandler.class);
  private static final int HEADER = 12;
  private static final int OPT_SIZE = 11;

  private final ClusterDnsConfig config;
  private final ClusterDnsView view;
  private final ThreadPoolExecutor forwarders;

  DnsQueryHandler(ClusterDnsConfig config, ClusterDnsView view) {
    this.config = config;
    this.view = view;
    this.forwarders =
        new ThreadPoolExecutor(
            0,
            config.maxInFlightForwards(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "cluster-dns-forward");
              t.setDaemon(true);
              return t;
            });
  }

  void close() {
    forwarders.shutdownNow();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
    boolean udp = ctx.channel() instanceof DatagramChannel;
    int ednsSize = -1;
    for (int i = 0; i < query.count(DnsSection.ADDITIONAL); i++) {
      DnsRecord r = query.recordAt(DnsSection.ADDITIONAL, i);
      if (r.type() == DnsRecordType.OPT) {
        ednsSize = Math.max(ClusterDnsConfig.CLASSIC_UDP_PAYLOAD, r.dnsClass());
      }
    }
    int limit =
        !udp
            ? ClusterDnsServer.MAX_TCP_MESSAGE
            : ednsSize < 0
                ? ClusterDnsConfig.CLASSIC_UDP_PAYLOAD
                : Math.min(ednsSize, config.maxUdpPayload());
    Reply reply = new Reply(ctx, query, udp, ednsSize >= 0, limit);
    if (query.opCode() != DnsOpCode.QUERY) {
      reply.send(DnsResponseCode.NOTIMP, null);
      return;
    }
    if (query.count(DnsSection.QUESTION) != 1) {
      reply.send(DnsResponseCode.FORMERR, null);
      return;
    }
    DnsQuestion q = query.recordAt(DnsSection.QUESTION);
    if (q.dnsClass() != DnsRecord.CLASS_IN && q.dnsClass() != DnsRecord.CLASS_ANY) {
      reply.send(DnsResponseCode.REFUSED, null);
      return;
    }
    DnsAnswer answer;
    try {
      answer = view.lookup(q.name(), q.type());
    } catch (RuntimeException e) {
      LOG.warn("cluster DNS lookup of {} failed", q.name(), e);
      reply.send(DnsResponseCode.SERVFAIL, null);
      return;
    }
    switch (answer.outcome()) {
      case ANSWER, NODATA -> reply.send(DnsResponseCode.NOERROR, answer);
      case NXDOMAIN -> reply.send(DnsResponseCode.NXDOMAIN, answer);
      case SERVFAIL -> reply.send(DnsResponseCode.SERVFAIL, null);
      case FORWARD -> forward(reply, q, query.isRecursionDesired(), ednsSize);
    }
  }

  private void forward(Reply reply, DnsQuestion q, boolean rd, int ednsSize) {
    InetSocketAddress upstream = config.upstream();
    if (upstream == null) {
      reply.send(DnsResponseCode.REFUSED, null);
      return;
    }
    int upstreamId = ThreadLocalRandom.current().nextInt(0x10000);
    byte[] message =
        DnsWire.query(
            upstreamId,
            q.name(),
            q.type().intValue(),
            q.dnsClass(),
            rd,
            ednsSize < 0 ? -1 : Math.min(ednsSize, config.maxUdpPayload()));
    reply.query.retain();
    try {
      forwarders.execute(
          () -> {
            try {
              byte[] response =
                  reply.udp ? exchangeUdp(upstream, message) : exchangeTcp(upstream, message);
              int id = ((response[0] & 0xff) << 8) | (response[1] & 0xff);
              if (response.length < HEADER || id != upstreamId || (response[2] & 0x80) == 0) {
                throw new IOException("upstream answered a different message");
              }
              reply.sendRaw(response);
            } catch (IOException | RuntimeException e) {
              LOG.debug("forwarding {} to {} failed: {}", q.name(), upstream, e.toString());
              reply.send(DnsResponseCode.SERVFAIL, null);
            } finally {
              reply.query.release();
            }
          });
    } catch (RejectedExecutionException e) {
      reply.query.release();
      reply.send(DnsResponseCode.SERVFAIL, null);
    }
  }

  private byte[] exchangeUdp(InetSocketAddress upstream, byte[] message) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) config.forwardTimeout().toMillis());
      socket.connect(upstream);
      socket.send(new java.net.DatagramPacket(message, message.length));
      byte[] buf = new byte[65535];
      java.net.DatagramPacket in = new java.net.DatagramPacket(buf, buf.length);
      socket.receive(in);
      return java.util.Arrays.copyOf(buf, in.getLength());
    }
  }

  private byte[] exchangeTcp(InetSocketAddress upstream, byte[] message) throws IOException {
    int timeout = (int) config.forwardTimeout().toMillis();
    try (Socket socket = new Socket()) {
      socket.connect(upstream, timeout);
      socket.setSoTimeout(timeout);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) (message.length >> 8), (byte) message.length});
      out.write(message);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int len = in.readUnsignedShort();
      byte[] response = new byte[len];
      in.readFully(response);
      return response;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ctx.channel() instanceof DatagramChannel) {
      LOG.debug("dropping an undecodable DNS datagram: {}", cause.toString());
    } else {
      LOG.debug("closing a DNS TCP connection: {}", cause.toString());
      ctx.close();
    }
  }

  /** One response under construction. */
  private final class Reply {
    final ChannelHandlerContext ctx;
    final DnsQuery query;
    final boolean udp;
    final boolean edns;
    final int limit;

    Reply(ChannelHandlerContext ctx, DnsQuery query, boolean udp, boolean edns, int limit) {
      this.ctx = ctx;
      this.query = query;
      this.udp = udp;
      this.edns = edns;
      this.limit = limit;
    }

    void sendRaw(byte[] response) {
      response[0] = (byte) (query.id() >> 8);
      response[1] = (byte) query.id();
      // written from the first handler's context so that the DNS response encoder is skipped
      ChannelHandlerContext first = ctx.pipeline().firstContext();
      if (udp) {
        first.writeAndFlush(
            new DatagramPacket(
                Unpooled.wrappedBuffer(response), ((DatagramDnsQuery) query).sender()));
        return;
      }
      ByteBuf buf = Unpooled.buffer(response.length + 2);
      buf.writeShort(response.length);
      buf.writeBytes(response);
      first.writeAndFlush(buf);
    }

    void send(DnsResponseCode code, DnsAnswer answer) {
      DnsQuestion q =
          query.count(DnsSection.QUESTION) == 1 ? query.recordAt(DnsSection.QUESTION) : null;
      List<Rr> answers = new ArrayList<>();
      List<Rr> authority = new ArrayList<>();
      List<Rr> additionals = new ArrayList<>();
      int size = HEADER + (edns ? OPT_SIZE : 0);
      if (q != null) {
        size += DnsWire.nameLength(q.name()) + 4;
      }
      long ttl = config.ttlSeconds();
      boolean authoritative = answer != null;
      if (answer != null) {
        Rr soa =
            new Rr(view.zone(), DnsRecordType.SOA, DnsWire.soa(view.zone(), view.serial(), ttl));
        if (answer.soaAnswer()) {
          answers.add(soa);
        }
        answers.addAll(answer.answers());
        if (answer.outcome() == Outcome.NODATA || answer.outcome() == Outcome.NXDOMAIN) {
          authority.add(soa);
        }
        additionals.addAll(answer.additionals());
      }
      boolean truncated = false;
      if (size + wireSize(answers) + wireSize(authority) + wireSize(additionals) > limit) {
        truncated = true;
        additionals.clear();
        if (size + wireSize(answers) + wireSize(authority) > limit) {
          authority.clear();
        }
        // keep the answers that fit (RFC 2181 section 9: TC set, the client retries over TCP)
        int used = size + wireSize(authority);
        int keep = 0;
        while (keep < answers.size() && used + answers.get(keep).wireSize() <= limit) {
          used += answers.get(keep).wireSize();
          keep++;
        }
        answers = new ArrayList<>(answers.subList(0, keep));
      }
      DnsResponse response =
          udp
              ? new DatagramDnsResponse(
                  ((DatagramDnsQuery) query).recipient(),
                  ((DatagramDnsQuery) query).sender(),
                  query.id(),
                  query.opCode(),
                  code)
              : new DefaultDnsResponse(query.id(), query.opCode(), code);
      response.setAuthoritativeAnswer(authoritative);
      response.setRecursionDesired(query.isRecursionDesired());
      response.setRecursionAvailable(config.upstream() != null);
      response.setTruncated(truncated);
      if (q != null) {
        response.addRecord(
            DnsSection.QUESTION, new DefaultDnsQuestion(q.name(), q.type(), q.dnsClass()));
      }
      answers.forEach(r -> response.addRecord(DnsSection.ANSWER, raw(r, ttl)));
      authority.forEach(r -> response.addRecord(DnsSection.AUTHORITY, raw(r, ttl)));
      additionals.forEach(r -> response.addRecord(DnsSection.ADDITIONAL, raw(r, ttl)));
      if (edns) {
        response.addRecord(
            DnsSection.ADDITIONAL,
            new DefaultDnsRawRecord(
                ".", DnsRecordType.OPT, config.maxUdpPayload(), 0, Unpooled.EMPTY_BUFFER));
      }
      if (udp) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
      }
    }
  }

  private static DnsRecord raw(Rr r, long ttl) {
    return new DefaultDnsRawRecord(r.name(), r.type(), ttl, Unpooled.wrappedBuffer(r.rdata()));
  }

  private static int wireSize(List<Rr> records) {
    int n = 0;
    for (Rr r : records) {
      n += r.wireSize();
    }
    return n;
  }
}
