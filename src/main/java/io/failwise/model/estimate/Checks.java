package io.failwise.model.estimate;

/** Argument checks shared by the estimator's input records; the messages name the field. */
final class Checks {
  private Checks() {}

  static void name(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + ": a name is required");
    }
  }

  static void count(long n, String field) {
    if (n < 0) {
      throw new IllegalArgumentException(field + " must be 0 or more, got " + n);
    }
  }

  static void rate(double perSecond, String field) {
    if (!(perSecond > 0) || !Double.isFinite(perSecond)) {
      throw new IllegalArgumentException(field + " must be a number above 0, got " + perSecond);
    }
  }
}
