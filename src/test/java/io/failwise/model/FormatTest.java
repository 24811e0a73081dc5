package io.failwise.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The numbers a person reads in a condition message: each unit's edges. */
class FormatTest {
  @Test
  void countsHaveThousandsSeparatorsWhateverTheLocale() {
    assertEquals("0", Format.count(0));
    assertEquals("999", Format.count(999));
    assertEquals("50,000", Format.count(50_000));
    assertEquals("1,234,567", Format.count(1_234_567));
  }

  @Test
  void aCountOfExactlyOneTakesTheSingular() {
    assertEquals("0 waves", Format.plural(0, "wave"));
    assertEquals("1 wave", Format.plural(1, "wave"));
    assertEquals("2 drills", Format.plural(2, "drill"));
    assertEquals("1,200 devices", Format.plural(1_200, "device"));
    assertEquals("1 policy", Format.plural(1, "policy", "policies"));
    assertEquals("3 policies", Format.plural(3, "policy", "policies"));
  }

  /** An outside pass read "paced at 1 devices/s" for a rate of 0.8. */
  @Test
  void aRateUnderTenKeepsATenthAndOneIsSingular() {
    assertEquals("0.8 devices/s", Format.rate(0.8));
    assertEquals("1 device/s", Format.rate(1.0));
    assertEquals("1 device/s", Format.rate(0.96), "a tenth's precision: 1.0");
    assertEquals("2.5 devices/s", Format.rate(2.5));
    assertEquals("768 devices/s", Format.rate(768.4));
    assertEquals("1,200 devices/s", Format.rate(1200));
  }

  /** An outside pass read "at 0 devices/s" beside a 2,083-day queue for a target admitting 0.001 a second. */
  @Test
  void aRateBelowATwentiethKeepsTwoSignificantDigits() {
    assertEquals("0.001 devices/s", Format.rate(0.001));
    assertEquals("0.012 devices/s", Format.rate(0.0123));
    assertEquals("0.049 devices/s", Format.rate(0.049));
    assertEquals("0.1 devices/s", Format.rate(0.05), "a tenth's precision from 0.05 on");
    assertEquals("0 devices/s", Format.rate(0));
  }

  @Test
  void aShareUnderTenPercentKeepsOneDecimalUnlessItIsWhole() {
    assertEquals("0%", Format.percent(0));
    assertEquals("5%", Format.percent(0.05));
    assertEquals("5.5%", Format.percent(0.055));
    assertEquals("0.3%", Format.percent(0.003));
    assertEquals("10%", Format.percent(0.10));
    assertEquals("28%", Format.percent(0.2778));
    assertEquals("100%", Format.percent(1));
  }

  @Test
  void durationsSwitchUnitAtAMinuteAnHourAndTwoDays() {
    assertEquals("0 s", Format.duration(Duration.ofSeconds(-5)), "a negative wait reads as none");
    assertEquals("0 s", Format.duration(Duration.ZERO));
    assertEquals("100 ms", Format.duration(Duration.ofMillis(100)), "the embedded world's poll interval, not '0 s'");
    assertEquals("1 s", Format.duration(Duration.ofMillis(1_500)));
    assertEquals("59 s", Format.duration(Duration.ofSeconds(59)));
    assertEquals("1 min", Format.duration(Duration.ofSeconds(60)));
    assertEquals("1 min", Format.duration(Duration.ofSeconds(89)));
    assertEquals("2 min", Format.duration(Duration.ofSeconds(90)), "minutes round half up");
    assertEquals("59 min", Format.duration(Duration.ofSeconds(59 * 60 + 29)));
    assertEquals("1 h", Format.duration(Duration.ofSeconds(59 * 60 + 30)));
    assertEquals("1 h 1 min", Format.duration(Duration.ofMinutes(61)));
    assertEquals("47 h 59 min", Format.duration(Duration.ofMinutes(48 * 60 - 1)));
    assertEquals("2 d", Format.duration(Duration.ofHours(48)));
    assertEquals("2 d 1 h", Format.duration(Duration.ofHours(49)));
    assertEquals("3 d", Format.duration(Duration.ofHours(72).plusMinutes(59)), "days drop the minutes");
    assertEquals("5,466 d", Format.duration(Duration.ofDays(5466)), "thousands separated, as every count");
  }

  @Test
  void anExactDurationKeepsEverySecond() {
    assertEquals("24 h 1 s", Format.exactDuration(Duration.ofDays(1).plusSeconds(1)), "not the 24 h it exceeds");
    assertEquals("24 h 30 min", Format.exactDuration(Duration.ofMinutes(24 * 60 + 30)));
    assertEquals("1 h 1 min 1 s", Format.exactDuration(Duration.ofSeconds(3661)));
    assertEquals("45 s", Format.exactDuration(Duration.ofSeconds(45)));
    assertEquals("0 s", Format.exactDuration(Duration.ZERO));
    assertEquals("49 h", Format.exactDuration(Duration.ofHours(49)), "no days: a limit reads in hours");
  }

  @Test
  void fractionalMinutesAreRoundedToTheSecond() {
    assertEquals("30 s", Format.minutes(0.5));
    assertEquals("59 s", Format.minutes(59.4 / 60));
    assertEquals("2 min", Format.minutes(1.5));
    assertEquals("1 h 30 min", Format.minutes(90));
  }
}
