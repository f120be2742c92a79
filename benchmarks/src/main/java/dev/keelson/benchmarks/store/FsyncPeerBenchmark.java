package dev.keelson.benchmarks.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Peer for {@link FileStoreBenchmark}: what this disk allows without any store, one thread
 * appending 1 KiB and calling {@code force(false)} each time (fsyncs per second = ops/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class FsyncPeerBenchmark {
  private Path file;
  private FileChannel channel;
  private final ByteBuffer record = ByteBuffer.allocate(1024 + 8);

  @Setup
  public void open() throws IOException {
    file = Files.createTempFile("keelson-fsync-peer", ".log");
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @TearDown
  public void close() throws IOException {
    channel.close();
    Files.delete(file);
  }

  @Benchmark
  public int appendAndForce1KiB() throws IOException {
    record.clear();
    int n = channel.write(record);
    channel.force(false);
    return n;
  }
}
