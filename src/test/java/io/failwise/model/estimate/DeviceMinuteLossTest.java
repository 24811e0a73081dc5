package io.failwise.model.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The break-even of two affine losses, fixed + perOutageMinute x r, worked out by hand. */
class DeviceMinuteLossTest {
  @Test
  void twoLinesMeetWhereTheirGapIsMadeUpByTheDifferenceInSlope() {
    // 100 + 2r against 10 + 5r: the gap of 90 closes at 3 a minute, after 30 minutes.
    DeviceMinuteLoss move = new DeviceMinuteLoss(100, 2);
    DeviceMinuteLoss hold = new DeviceMinuteLoss(10, 5);
    assertEquals(30, move.breakEvenAgainst(hold), 1e-12);
    assertEquals(move.at(30), hold.at(30), 1e-12);
    assertEquals(160, move.at(30), 1e-12);
  }

  @Test
  void aLossAlreadyBelowIsBelowFromTheStartAndOneNeverBelowNeverIs() {
    // 5 + 0r against 10 + 5r: below from r = 0.
    assertEquals(0, new DeviceMinuteLoss(5, 0).breakEvenAgainst(new DeviceMinuteLoss(10, 5)));
    // Parallel lines: below everywhere, or never.
    assertEquals(0, new DeviceMinuteLoss(5, 5).breakEvenAgainst(new DeviceMinuteLoss(10, 5)));
    assertEquals(Double.POSITIVE_INFINITY, new DeviceMinuteLoss(15, 5).breakEvenAgainst(new DeviceMinuteLoss(10, 5)));
    // The same line is never below itself.
    assertEquals(Double.POSITIVE_INFINITY, new DeviceMinuteLoss(10, 5).breakEvenAgainst(new DeviceMinuteLoss(10, 5)));
    // A steeper line that starts higher never gets below.
    assertEquals(Double.POSITIVE_INFINITY, new DeviceMinuteLoss(15, 6).breakEvenAgainst(new DeviceMinuteLoss(10, 5)));
  }
}
