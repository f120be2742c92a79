package dev.keelson.node.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogReaderTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.000000001Z");

  @TempDir Path dir;

  private Path file(String... entries) throws IOException {
    Path f = dir.resolve("c/0.log");
    Files.createDirectories(f.getParent());
    Files.writeString(f, entries.length == 0 ? "" : String.join("\n", entries) + "\n", UTF_8);
    return f;
  }

  private static String read(Path f, LogOptions o) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CriLogReader.read(f, o, out, () -> false, Duration.ofMillis(10));
    return out.toString(UTF_8);
  }

  private static String e(int second, String stream, String tag, String msg) {
    return T0.plusSeconds(second) + " " + stream + " " + tag + " " + msg;
  }

  @Test
  void readsEveryLineOfBothStreams() throws Exception {
    Path f = file(e(0, "stdout", "F", "one"), e(1, "stderr", "F", "two"), e(2, "stdout", "F", ""));
    assertThat(read(f, LogOptions.all())).isEqualTo("one\ntwo\n\n");
  }

  @Test
  void joinsPartialEntriesIntoOneLine() throws Exception {
    Path f =
        file(e(0, "stdout", "P", "hel"), e(1, "stdout", "P", "lo "), e(2, "stdout", "F", "world"));
    assertThat(read(f, LogOptions.all())).isEqualTo("hello world\n");
    assertThat(read(f, LogOptions.all().withTimestamps(true)))
        .as("the line carries its first fragment's time")
        .isEqualTo("2026-11-25T10:00:00.000000001Z hello world\n");
  }

  @Test
  void tailCountsJoinedLines() throws Exception {
    Path f =
        file(
            e(0, "stdout", "F", "a"),
            e(1, "stdout", "P", "b1"),
            e(2, "stdout", "F", "b2"),
            e(3, "stdout", "F", "c"));
    assertThat(read(f, LogOptions.all().withTailLines(2))).isEqualTo("b1b2\nc\n");
    assertThat(read(f, LogOptions.all().withTailLines(0))).isEmpty();
    assertThat(read(f, LogOptions.all().withTailLines(10))).isEqualTo("a\nb1b2\nc\n");
  }

  @Test
  void sinceSkipsEarlierLines() throws Exception {
    Path f = file(e(0, "stdout", "F", "a"), e(5, "stdout", "F", "b"), e(9, "stdout", "F", "c"));
    assertThat(read(f, LogOptions.all().withSince(T0.plusSeconds(5)))).isEqualTo("b\nc\n");
    assertThat(read(f, LogOptions.all().withSince(T0.plusSeconds(1)).withTailLines(1)))
        .isEqualTo("c\n");
  }

  @Test
  void timestampsAreRfc3339WithNineFractionDigits() throws Exception {
    Path f = file("2026-11-25T10:00:00.5Z stdout F half", e(1, "stdout", "F", "x"));
    assertThat(read(f, LogOptions.all().withTimestamps(true)))
        .isEqualTo("2026-11-25T10:00:00.500000000Z half\n2026-11-25T10:00:01.000000001Z x\n");
  }

  @Test
  void limitBytesCutsTheAnswer() throws Exception {
    Path f = file(e(0, "stdout", "F", "abcdef"), e(1, "stdout", "F", "ghij"));
    assertThat(read(f, LogOptions.all().withLimitBytes(9))).isEqualTo("abcdef\ngh");
    assertThat(read(f, LogOptions.all().withLimitBytes(0))).isEmpty();
  }

  @Test
  void skipsMalformedEntriesAndReadsAMissingFileAsEmpty() throws Exception {
    Path f = file("garbage", e(0, "stdout", "F", "ok"), "notatime stdout F x");
    assertThat(read(f, LogOptions.all())).isEqualTo("ok\n");
    assertThat(read(dir.resolve("none.log"), LogOptions.all())).isEmpty();
  }

  @Test
  void writerSplitsLongLinesThatTheReaderJoins() throws Exception {
    Path f = dir.resolve("w/1.log");
    String longLine = "x".repeat(25) + "é" + "y".repeat(10);
    try (CriLogWriter w = CriLogWriter.open(f, 10)) {
      w.write(T0, "stdout", longLine);
      w.write(T0.plusSeconds(1), "stderr", "short");
    }
    assertThat(Files.readAllLines(f)).hasSize(5).allMatch(l -> l.length() < 60);
    assertThat(Files.readAllLines(f).get(0)).isEqualTo(T0 + " stdout P xxxxxxxxxx");
    assertThat(read(f, LogOptions.all())).isEqualTo(longLine + "\nshort\n");
  }

  @Test
  void followAnswersNewLinesFlushedUntilTheContainerStops() throws Exception {
    Path f = file(e(0, "stdout", "F", "first"));
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch secondSeen = new CountDownLatch(1);
    StringBuilder got = new StringBuilder();
    OutputStream out =
        new OutputStream() {
          private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

          @Override
          public void write(int b) {
            pending.write(b);
          }

          @Override
          public void flush() {
            synchronized (got) {
              got.append(pending.toString(UTF_8));
              pending.reset();
              if (got.toString().contains("second")) {
                secondSeen.countDown();
              }
            }
          }
        };
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    CriLogReader.read(
                        f,
                        LogOptions.all().withFollow(true),
                        out,
                        running::get,
                        Duration.ofMillis(5));
                  } catch (Exception ex) {
                    throw new RuntimeException(ex);
                  }
                });
    try (CriLogWriter w = CriLogWriter.open(f, 1024)) {
      w.write(T0.plusSeconds(1), "stdout", "second");
      assertThat(secondSeen.await(10, TimeUnit.SECONDS)).as("second line flushed").isTrue();
      assertThat(reader.isAlive()).as("still following while running").isTrue();
      w.write(T0.plusSeconds(2), "stdout", "last");
    }
    running.set(false);
    reader.join(10_000);
    assertThat(reader.isAlive()).as("ended once the container stopped").isFalse();
    assertThat(got.toString()).isEqualTo("first\nsecond\nlast\n");
  }

  @Test
  void followEndsWhenInterrupted() throws Exception {
    Path f = file(e(0, "stdout", "F", "first"));
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    CriLogReader.read(
                        f,
                        LogOptions.all().withFollow(true),
                        OutputStream.nullOutputStream(),
                        () -> true,
                        Duration.ofMillis(5));
                  } catch (InterruptedException ex) {
                    interrupted.set(true);
                  } catch (IOException ex) {
                    throw new RuntimeException(ex);
                  }
                });
    reader.interrupt();
    reader.join(10_000);
    assertThat(interrupted).isTrue();
  }
}
