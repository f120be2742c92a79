package dev.keelson.node.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * A blocking {@link OutputStream} onto a Netty channel, for virtual threads: bytes are buffered up
 * to {@code chunk} bytes, then (or on flush) wrapped as one message (an HTTP chunk, a WebSocket
 * frame) and written; while the channel is not writable the writer waits for its last write, so a
 * slow client slows the writer instead of filling memory. Writing to a closed channel throws.
 */
final class ChannelOutput extends OutputStream {
  private final Channel channel;
  private final Function<ByteBuf, Object> wrap;
  private final int chunk;
  private final int prefix;
  private ByteBuf buf;

  /**
   * @param prefix a byte written first in every message (the channel protocol's stream), or -1
   */
  ChannelOutput(Channel channel, int prefix, int chunk, Function<ByteBuf, Object> wrap) {
    this.channel = channel;
    this.prefix = prefix;
    this.chunk = chunk;
    this.wrap = wrap;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (buf == null) {
        buf = Unpooled.buffer(Math.min(chunk, len) + 1);
        if (prefix >= 0) {
          buf.writeByte(prefix);
        }
      }
      int n = Math.min(len, chunk - (buf.readableBytes() - (prefix >= 0 ? 1 : 0)));
      buf.writeBytes(b, off, n);
      off += n;
      len -= n;
      if (buf.readableBytes() - (prefix >= 0 ? 1 : 0) >= chunk) {
        send();
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    send();
  }

  @Override
  public synchronized void close() throws IOException {
    send();
  }

  private void send() throws IOException {
    if (buf == null || buf.readableBytes() <= (prefix >= 0 ? 1 : 0)) {
      return; // never an empty message
    }
    ByteBuf out = buf;
    buf = null;
    if (!channel.isActive()) {
      out.release();
      throw new IOException("the client left");
    }
    ChannelFuture f = channel.writeAndFlush(wrap.apply(out));
    if (!channel.isWritable()) {
      try {
        f.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing");
      }
      if (!f.isSuccess()) {
        throw new IOException("the client left", f.cause());
      }
    }
  }
}
