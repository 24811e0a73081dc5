package io.failwise.cli.runs;

import io.failwise.cli.UserInputException;

/**
 * The waves' share of the admission rates, as {@code plan --admission-share} and the controller's
 * {@code failwise.runs.admission-share} (read by {@code plan --settings}) give it: above 0 and at most 1;
 * above 1 would pace above what the target admits.
 */
final class AdmissionShares {
  private AdmissionShares() {}

  /** {@code --admission-share}, refused as a usage error outside (0, 1]. */
  static double option(String given) {
    double share = parse(given);
    if (Double.isNaN(share)) {
      throw new UserInputException("--admission-share " + given + ": must be a number above 0 and at most 1 (the share of the"
          + " target's admission rate the waves use; 1 is all of it), e.g. 0.8");
    }
    return share;
  }

  /** A share above 0 and at most 1, or NaN when the text is not one. */
  static double parse(String text) {
    try {
      double share = Double.parseDouble(text.trim());
      return share > 0 && share <= 1 ? share : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
