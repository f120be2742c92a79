package dev.keelson.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void nextFollowsTheFields() {
    CronExpression e = CronExpression.parse("*/15 9-17 * * mon-fri", null);
    // Friday 17:50 -> Monday 09:00
    assertThat(e.next(at("2026-11-27T17:50:00Z"))).isEqualTo(at("2026-11-30T09:00:00Z"));
    assertThat(e.next(at("2026-11-30T09:00:00Z"))).isEqualTo(at("2026-11-30T09:15:00Z"));
    assertThat(CronExpression.parse("@hourly", null).next(at("2026-01-01T10:00:30Z")))
        .isEqualTo(at("2026-01-01T11:00:00Z"));
    assertThat(CronExpression.parse("0 0 31 * *", null).next(at("2026-04-01T00:00:00Z")))
        .isEqualTo(at("2026-05-31T00:00:00Z"));
    assertThat(CronExpression.parse("0 0 29 2 *", null).next(at("2026-03-01T00:00:00Z")))
        .isEqualTo(at("2028-02-29T00:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekMatchEitherWhenBothAreRestricted() {
    CronExpression e = CronExpression.parse("0 12 1 * sun", null);
    // 2026-11-29 is a Sunday, before December 1st
    assertThat(e.next(at("2026-11-27T00:00:00Z"))).isEqualTo(at("2026-11-29T12:00:00Z"));
    assertThat(e.next(at("2026-11-29T12:00:00Z"))).isEqualTo(at("2026-12-01T12:00:00Z"));
  }

  @Test
  void timeZonesAndEvery() {
    CronExpression tz = CronExpression.parse("0 9 * * *", "Europe/Paris");
    assertThat(tz.next(at("2026-11-26T00:00:00Z"))).isEqualTo(at("2026-11-26T08:00:00Z"));
    CronExpression prefixed = CronExpression.parse("CRON_TZ=Asia/Tokyo 0 9 * * *", null);
    assertThat(prefixed.next(at("2026-11-26T00:00:00Z"))).isEqualTo(at("2026-11-27T00:00:00Z"));
    assertThat(CronExpression.parse("@every 90s", null).next(at("2026-01-01T00:00:00.5Z")))
        .isEqualTo(at("2026-01-01T00:01:30Z"));
    assertThatThrownBy(() -> CronExpression.parse("61 * * * *", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above maximum");
  }
}
