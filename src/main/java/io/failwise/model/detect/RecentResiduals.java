package io.failwise.model.detect;

/**
 * The last few residuals of a detector: what held for all of them is confirmed, so one or two
 * glitched samples (a scrape that missed a broker shard) can neither raise nor move anything.
 */
final class RecentResiduals {
  private final double[] values;
  private int filled;
  private int next;

  RecentResiduals(int size) {
    this.values = new double[size];
  }

  void add(double residual) {
    values[next] = residual;
    next = (next + 1) % values.length;
    filled = Math.min(values.length, filled + 1);
  }

  /** The smallest of the last samples: an excess at least this large held for all of them. */
  double confirmed() {
    if (filled < values.length) {
      return Double.NEGATIVE_INFINITY;
    }
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  /** The largest of the last samples: every one of them was at most this large. */
  double highest() {
    if (filled < values.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
