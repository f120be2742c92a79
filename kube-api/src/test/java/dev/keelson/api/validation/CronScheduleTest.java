package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parsing and stepping CronJob schedules; the error texts are BatchValidationTest's. */
class CronScheduleTest {
  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void nextFollowsTheFields() {
    CronSchedule e = CronSchedule.parse("*/15 9-17 * * mon-fri", null);
    // Friday 17:50 -> Monday 09:00
    assertThat(e.next(at("2026-11-27T17:50:00Z"))).isEqualTo(at("2026-11-30T09:00:00Z"));
    assertThat(e.next(at("2026-11-30T09:00:00Z"))).isEqualTo(at("2026-11-30T09:15:00Z"));
    assertThat(CronSchedule.parse("@hourly", null).next(at("2026-01-01T10:00:30Z")))
        .isEqualTo(at("2026-01-01T11:00:00Z"));
    assertThat(CronSchedule.parse("0 0 31 * *", null).next(at("2026-04-01T00:00:00Z")))
        .isEqualTo(at("2026-05-31T00:00:00Z"));
    assertThat(CronSchedule.parse("0 0 29 2 *", null).next(at("2026-03-01T00:00:00Z")))
        .isEqualTo(at("2028-02-29T00:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekMatchEitherWhenBothAreRestricted() {
    CronSchedule e = CronSchedule.parse("0 12 1 * sun", null);
    // 2026-11-29 is a Sunday, before December 1st
    assertThat(e.next(at("2026-11-27T00:00:00Z"))).isEqualTo(at("2026-11-29T12:00:00Z"));
    assertThat(e.next(at("2026-11-29T12:00:00Z"))).isEqualTo(at("2026-12-01T12:00:00Z"));
  }

  @Test
  void aStarWithAStepCountsAsARestrictionSoEitherDayFieldMayMatch() {
    // robfig: "*/2" drops the star bit; "0 0 */2 * mon" runs on odd days and on Mondays
    CronSchedule e = CronSchedule.parse("0 0 */2 * mon", null);
    // 2026-11-30 is a Monday and an even day; 2026-12-01 is odd
    assertThat(e.next(at("2026-11-29T00:00:00Z"))).isEqualTo(at("2026-11-30T00:00:00Z"));
    assertThat(e.next(at("2026-11-30T00:00:00Z"))).isEqualTo(at("2026-12-01T00:00:00Z"));
    // "*/1" keeps it: both must match, so only Mondays
    CronSchedule star = CronSchedule.parse("0 0 */1 * mon", null);
    assertThat(star.next(at("2026-11-30T00:00:00Z"))).isEqualTo(at("2026-12-07T00:00:00Z"));
  }

  @Test
  void errorAndParseAgree() {
    assertThat(CronSchedule.error("*/15 9-17 * * mon-fri")).isEmpty();
    assertThat(CronSchedule.error("@every 1h30m")).isEmpty();
    assertThat(CronSchedule.error("@every 0"))
        .contains("failed to parse duration @every 0: time: invalid duration \"0\"");
    assertThat(CronSchedule.error("1-2-3 * * * *")).contains("too many hyphens: 1-2-3");
    assertThat(CronSchedule.error("*/0 * * * *"))
        .contains("step of range should be a positive number: */0");
    assertThat(CronSchedule.error("5-1 * * * *"))
        .contains("beginning of range (5) beyond end of range (1): 5-1");
    assertThat(CronSchedule.error("TZ=Nowhere/City 0 * * * *"))
        .contains("provided bad location Nowhere/City: unknown time zone Nowhere/City");
    assertThatThrownBy(() -> CronSchedule.parse("0 * * * *", "Nowhere/City"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown time zone Nowhere/City");
  }

  @Test
  void timeZonesAndEvery() {
    CronSchedule tz = CronSchedule.parse("0 9 * * *", "Europe/Paris");
    assertThat(tz.next(at("2026-11-26T00:00:00Z"))).isEqualTo(at("2026-11-26T08:00:00Z"));
    CronSchedule prefixed = CronSchedule.parse("CRON_TZ=Asia/Tokyo 0 9 * * *", null);
    assertThat(prefixed.next(at("2026-11-26T00:00:00Z"))).isEqualTo(at("2026-11-27T00:00:00Z"));
    assertThat(CronSchedule.parse("@every 90s", null).next(at("2026-01-01T00:00:00.5Z")))
        .isEqualTo(at("2026-01-01T00:01:30Z"));
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above maximum");
  }
}
