package dev.keelson.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The formatter-free fast paths of {@link Times} agree with java.time on every input. */
class TimesFastPathTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssX").withZone(ZoneOffset.UTC);

  @Test
  void formatAndParseAgreeWithJavaTimeAcrossTheFastRange() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      Instant t = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253402300800L));
      String text = Times.format(t);
      assertThat(text).isEqualTo(REFERENCE.format(t));
      assertThat(Times.parse(text)).isEqualTo(t);
    }
    assertThat(Times.format(Instant.parse("2024-02-29T23:59:59.999Z")))
        .isEqualTo("2024-02-29T23:59:59Z");
  }

  @Test
  void otherFormsAndOutOfRangeValuesStillGoThroughJavaTime() {
    assertThat(Times.parse("2024-05-01T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(Times.parse("2024-05-01T10:00:00.5Z"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.5Z"));
    assertThat(Times.format(Instant.parse("1969-12-31T23:59:59Z")))
        .isEqualTo("1969-12-31T23:59:59Z");
    assertThat(Times.parse("1969-12-31T23:59:59Z"))
        .isEqualTo(OffsetDateTime.parse("1969-12-31T23:59:59Z").toInstant());
    assertThatThrownBy(() -> Times.parse("2023-02-29T00:00:00Z"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Times.parse("2024-05-01T24:00:00Z"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Times.parse("2024-05-01T10:00:0xZ"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
