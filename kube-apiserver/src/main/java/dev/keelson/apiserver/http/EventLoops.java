package dev.keelson.apiserver.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Event loops that HTTP servers share ({@link #SHARED}: those of this JVM): one thread that accepts
 * connections and a few that read and write them (requests themselves run on virtual threads, never
 * on these). Made when the first server starts and shut down a linger time after the last one
 * closes, unless another starts in between: a JVM that starts one server after the other (a test
 * kit starts one per test) does not pay for new selectors, threads and buffer chunks, nor wait for
 * old threads to end, at every start and close.
 */
final class EventLoops {
  /** The loops of this JVM's servers; they outlive the last server by a second. */
  static final EventLoops SHARED = new EventLoops(Duration.ofSeconds(1));

  private final Duration linger;
  private Groups current;
  private int users;
  private long lastRelease; // which last-user release a scheduled shutdown belongs to

  /** {@code linger}: how long the loops outlive their last user. */
  EventLoops(Duration linger) {
    this.linger = linger;
  }

  /** One set of loops: an acceptor and the connections' loops. */
  static final class Groups {
    private final EventLoopGroup acceptor =
        new NioEventLoopGroup(1, new DefaultThreadFactory("keelson-http-accept"));
    private final EventLoopGroup io =
        new NioEventLoopGroup(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("keelson-http"));

    /** The group whose one thread accepts connections. */
    EventLoopGroup acceptor() {
      return acceptor;
    }

    /** The group whose threads read and write connections. */
    EventLoopGroup io() {
      return io;
    }

    /** Whether both groups are shut down or shutting down. */
    boolean isShuttingDown() {
      return acceptor.isShuttingDown() && io.isShuttingDown();
    }
  }

  /** The loops in use, made if there are none; {@link #release} them when done. */
  synchronized Groups acquire() {
    if (current == null) {
      current = new Groups();
    }
    users++;
    return current;
  }

  /**
   * Gives back one {@link #acquire}; the last user's release shuts the loops down after the linger
   * time if nobody acquired them again by then.
   */
  void release(Groups groups) {
    long release;
    synchronized (this) {
      if (groups != current || users <= 0) {
        throw new IllegalStateException("released more often than acquired");
      }
      if (--users > 0) {
        return;
      }
      release = ++lastRelease;
    }
    groups
        .acceptor()
        .schedule(
            () -> shutDownIfUnused(groups, release), linger.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void shutDownIfUnused(Groups groups, long release) {
    synchronized (this) {
      if (users > 0 || release != lastRelease || current != groups) {
        return;
      }
      current = null; // the next acquire makes new loops
    }
    groups.io().shutdownGracefully(0, 2, TimeUnit.SECONDS);
    groups.acceptor().shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
