package dev.keelson.node.cri.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriLogFileTest {
  @TempDir Path dir;

  @Test
  void fullEntriesAreLinesAndPartialEntriesJoinPerStream() throws Exception {
    Path log = dir.resolve("0.log");
    Files.writeString(
        log,
        """
        2026-11-26T03:00:00.000000001Z stdout F first
        2026-11-26T03:00:00.000000002Z stdout P par
        2026-11-26T03:00:00.000000003Z stderr F oops
        2026-11-26T03:00:00.000000004Z stdout F tial
        2026-11-26T03:00:00.000000005Z stdout F\s
        2026-11-26T03:00:00.000000006Z stdout F with  two  spaces
        """);

    assertThat(CriLogFile.tail(log, -1))
        .containsExactly("first", "oops", "partial", "", "with  two  spaces");
    assertThat(CriLogFile.tail(log, 2)).containsExactly("", "with  two  spaces");
    assertThat(CriLogFile.tail(log, 0)).isEmpty();
  }

  @Test
  void aMissingFileIsAnEmptyLogAndTornEntriesAreSkipped() throws Exception {
    assertThat(CriLogFile.tail(dir.resolve("none.log"), -1)).isEmpty();
    Path log = dir.resolve("1.log");
    Files.writeString(log, "garbage\n2026-11-26T03:00:00Z stdout F ok\n");
    assertThat(CriLogFile.tail(log, -1)).containsExactly("ok");
  }
}
