package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.controller.time.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AtomicWriter layout: timestamped dir, {@code ..data} swap, user-visible links, modes. */
class AtomicWriterTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2024-03-04T05:06:07Z"));

  private static FileProjection f(String s, int mode) {
    return new FileProjection(s.getBytes(StandardCharsets.UTF_8), mode);
  }

  private long timestampDirs() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("..2024")).count();
    }
  }

  @Test
  void writesThroughDataLinkAndVisibleLinksWithModes() throws Exception {
    Map<String, FileProjection> payload = new LinkedHashMap<>();
    payload.put("a", f("1", 0644));
    payload.put("sub/b", f("2", 0400));
    AtomicWriter w = new AtomicWriter(dir, clock);
    assertThat(w.write(payload)).isTrue();

    Path data = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(data.toString()).matches("\\.\\.2024_03_04_05_06_07\\.\\d+");
    assertThat(Files.readSymbolicLink(dir.resolve("a"))).isEqualTo(Path.of("..data/a"));
    assertThat(Files.readSymbolicLink(dir.resolve("sub"))).isEqualTo(Path.of("..data/sub"));
    assertThat(Files.readString(dir.resolve("sub/b"))).isEqualTo("2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub/b"))))
        .isEqualTo("r--------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rw-r--r--");
    assertThat(dir.resolve("..data_tmp")).doesNotExist();
  }

  @Test
  void anUnchangedPayloadTouchesNothingAndAChangeSwapsTheWholeSet() throws Exception {
    AtomicWriter w = new AtomicWriter(dir, clock);
    w.write(Map.of("a", f("1", 0644), "b", f("2", 0644)));
    Path first = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(w.write(Map.of("a", f("1", 0644), "b", f("2", 0644)))).isFalse();
    assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(first);

    clock.advance(Duration.ofSeconds(61));
    assertThat(w.write(Map.of("a", f("1", 0600)))).as("a mode change is a change").isTrue();
    Path second = Files.readSymbolicLink(dir.resolve("..data"));
    assertThat(second.toString()).startsWith("..2024_03_04_05_07_08.");
    assertThat(dir.resolve(first)).doesNotExist();
    assertThat(Files.exists(dir.resolve("b"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(timestampDirs()).isEqualTo(1);

    assertThat(w.write(Map.of())).isTrue();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".."))).isEmpty();
    }
  }

  @Test
  void refusesPathsThatEscape() {
    AtomicWriter w = new AtomicWriter(dir, clock);
    assertThatThrownBy(() -> w.write(Map.of("../x", f("1", 0644))))
        .hasMessageContaining("must not contain '..'");
    assertThatThrownBy(() -> w.write(Map.of("/etc/x", f("1", 0644))))
        .hasMessageContaining("must be relative path");
    assertThatThrownBy(() -> w.write(Map.of("..data", f("1", 0644))))
        .hasMessageContaining("must not start with '..'");
  }
}
