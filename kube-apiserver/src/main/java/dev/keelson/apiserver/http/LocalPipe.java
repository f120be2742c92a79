package dev.keelson.apiserver.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory pipe from a streaming handler to an in-process reader: the handler's {@link
 * ResponseStream#write} blocks while {@code limit} bytes wait unread (one chunk is always
 * admitted), and fails, ending the stream, once the reader has read nothing for the write timeout,
 * as a slow HTTP client is disconnected. Closing the reader side drops what is buffered, makes the
 * next write fail and runs {@code onReaderClosed} once.
 */
final class LocalPipe {
  /** Bytes buffered before a write blocks (Netty's default high water mark is 64 KiB). */
  static final int DEFAULT_LIMIT = 1 << 20;

  private final int limit;
  private final Duration writeTimeout;
  private final Runnable onReaderClosed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final AtomicBoolean readerClosedOnce = new AtomicBoolean();
  private long buffered;
  private boolean writerClosed;
  private boolean readerClosed;
  private String broken;
  private final Writer writer = new Writer();
  private final Reader reader = new Reader();

  LocalPipe(int limit, Duration writeTimeout, Runnable onReaderClosed) {
    this.limit = limit;
    this.writeTimeout = writeTimeout;
    this.onReaderClosed = onReaderClosed;
  }

  ResponseStream writer() {
    return writer;
  }

  InputStream input() {
    return reader;
  }

  void closeWriter() {
    lock.lock();
    try {
      writerClosed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void closeReader() {
    lock.lock();
    try {
      readerClosed = true;
      chunks.clear();
      buffered = 0;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    if (readerClosedOnce.compareAndSet(false, true)) {
      onReaderClosed.run();
    }
  }

  private final class Writer implements ResponseStream {
    @Override
    public void write(byte[] chunk) throws IOException {
      if (chunk.length == 0) {
        return;
      }
      long deadline = System.nanoTime() + writeTimeout.toNanos();
      lock.lock();
      try {
        while (true) {
          if (readerClosed) {
            throw new IOException("client disconnected");
          }
          if (writerClosed) {
            throw new IOException("stream closed");
          }
          if (buffered == 0 || buffered + chunk.length <= limit) {
            break;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            broken = "client too slow: nothing read for " + writeTimeout;
            writerClosed = true;
            chunks.clear();
            buffered = 0;
            notEmpty.signalAll();
            throw new IOException(broken);
          }
          notFull.awaitNanos(left);
        }
        chunks.addLast(chunk);
        buffered += chunk.length;
        notEmpty.signalAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      closeWriter();
    }
  }

  private final class Reader extends InputStream {
    private byte[] current;
    private int pos;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (current == null || pos == current.length) {
          if (readerClosed) {
            return -1;
          }
          byte[] next = chunks.pollFirst();
          if (next != null) {
            buffered -= next.length;
            notFull.signalAll();
            current = next;
            pos = 0;
            continue;
          }
          if (broken != null) {
            throw new IOException("the server ended the stream: " + broken);
          }
          if (writerClosed) {
            return -1;
          }
          notEmpty.await();
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the stream");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return (current == null ? 0 : current.length - pos) + (int) Math.min(buffered, 1 << 30);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      closeReader();
    }
  }
}
