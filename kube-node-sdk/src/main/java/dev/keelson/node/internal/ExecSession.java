package dev.keelson.node.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One exec or attach session of an in-process runtime over the WebSocket channel protocol (v4 and
 * v5): stdin frames (channel 0) feed the command's input through a bounded queue (reading from the
 * client pauses while it is full), its output goes out on channels 1 and 2, and the exit status
 * goes on channel 3 as a {@code metav1.Status}, then a close (1000). {@code [255, 0]} (v5) ends
 * stdin; resize messages (channel 4) are read and ignored.
 */
final class ExecSession extends SimpleChannelInboundHandler<WebSocketFrame> {
  /** The session's work: run with the streams, answer the exit code. */
  interface Body {
    int run(InputStream stdin, OutputStream stdout, OutputStream stderr) throws Exception;
  }

  private static final byte[] END = new byte[0];
  private static final int CHUNK = 32 * 1024;

  private final List<String> command;
  private final boolean stdin;
  private final boolean stdout;
  private final boolean stderr;
  private final Body body;
  private final BlockingQueue<byte[]> input = new ArrayBlockingQueue<>(16);
  private volatile Channel channel;
  private volatile Thread worker;
  private volatile boolean inputEnded;

  ExecSession(List<String> command, boolean stdin, boolean stdout, boolean stderr, Body body) {
    this.command = command;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.body = body;
  }

  /** Starts the command once the handshake is done. */
  void start(Channel ch) {
    channel = ch;
    ch.closeFuture()
        .addListener(
            f -> {
              endInput();
              Thread w = worker;
              if (w != null) {
                w.interrupt();
              }
            });
    worker = Thread.ofVirtual().name("exec " + command).start(this::run);
  }

  private void run() {
    OutputStream out =
        stdout
            ? new ChannelOutput(channel, 1, CHUNK, BinaryWebSocketFrame::new)
            : OutputStream.nullOutputStream();
    OutputStream err =
        stderr
            ? new ChannelOutput(channel, 2, CHUNK, BinaryWebSocketFrame::new)
            : OutputStream.nullOutputStream();
    InputStream in = stdin ? new QueueInput() : InputStream.nullInputStream();
    String status;
    try {
      int code = body.run(in, out, err);
      out.flush();
      err.flush();
      status = code == 0 ? success() : nonZero(code);
    } catch (InterruptedException e) {
      return; // the client left
    } catch (IOException e) {
      if (!channel.isActive()) {
        return;
      }
      status = failure(e.getMessage());
    } catch (Exception e) {
      status = failure(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    byte[] s = status.getBytes(UTF_8);
    ByteBuf b = Unpooled.buffer(s.length + 1).writeByte(3).writeBytes(s);
    channel.writeAndFlush(new BinaryWebSocketFrame(b));
    channel
        .writeAndFlush(new CloseWebSocketFrame(1000, null))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private static String success() {
    return "{\"metadata\":{},\"status\":\"Success\"}";
  }

  private String nonZero(int code) {
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + json(
            "command terminated with non-zero exit code: error executing command "
                + command
                + ", exit code "
                + code)
        + ",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
        + "\"message\":\""
        + code
        + "\"}]}}";
  }

  private static String failure(String message) {
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":" + json(message) + "}";
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
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
    if (!(frame instanceof BinaryWebSocketFrame)) {
      return;
    }
    ByteBuf data = frame.content();
    if (data.readableBytes() == 0) {
      return;
    }
    int stream = data.readUnsignedByte();
    if (stream == 0 && stdin && !inputEnded && data.readableBytes() > 0) {
      byte[] bytes = new byte[data.readableBytes()];
      data.readBytes(bytes);
      if (!input.offer(bytes)) {
        // cannot happen while reads pause at a full queue; drop rather than block the loop
        return;
      }
      if (input.remainingCapacity() == 0) {
        ctx.channel().config().setAutoRead(false);
      }
    } else if (stream == 255 && data.readableBytes() == 1 && data.readUnsignedByte() == 0) {
      endInput();
    }
  }

  private void endInput() {
    if (!inputEnded) {
      inputEnded = true;
      // the queue may be full: the reader sees inputEnded once it has drained it
      input.offer(END);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** The command's stdin: the client's channel-0 data, until it ends stdin or leaves. */
  private final class QueueInput extends InputStream {
    private byte[] current = new byte[0];
    private int pos;
    private boolean eof;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos >= current.length) {
        if (eof) {
          return -1;
        }
        byte[] next;
        try {
          next = input.poll();
          if (next == null) {
            if (inputEnded) {
              eof = true;
              return -1;
            }
            next = input.take();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading stdin");
        }
        Channel ch = channel;
        if (ch != null && !ch.config().isAutoRead()) {
          ch.config().setAutoRead(true);
        }
        if (next == END) {
          eof = true;
          return -1;
        }
        current = next;
        pos = 0;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
