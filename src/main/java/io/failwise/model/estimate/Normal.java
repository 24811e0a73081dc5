package io.failwise.model.estimate;

/**
 * The standard normal distribution, for the lognormal outage-duration prior: CDF, upper tail (also in
 * log space, far beyond where it underflows) and inverse, each to about 1e-14 relative error.
 *
 * <p>erfc is W. J. Cody's rational Chebyshev approximation (Math. Comp. 23, 1969; the coefficients of
 * CALERF in ACM Algorithm 715, SPECFUN, 1993): three ranges of |x|, each a ratio of two polynomials,
 * times e^(-x^2) beyond the first. It is the estimator's hot path (the sequential decision reads the
 * tail twice per kind at every step), and it gives the tail's logarithm directly as -x^2 + ln R(x),
 * however far out.
 */
public final class Normal {
  private static final double SQRT_2 = Math.sqrt(2.0);
  private static final double INV_SQRT_2 = 1 / SQRT_2;
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
  private static final double LOG_HALF = Math.log(0.5);
  private static final double TAIL_POLISH = 1e-15;
  private static final double LOG_TAIL_POLISH = Math.log(TAIL_POLISH);
  /** Cody's first range, |x| <= 0.46875: erf(x) = x P(x^2)/Q(x^2). */
  private static final double SMALL = 0.46875;
  /** Cody's second range ends here; beyond it the polynomials are in 1/x^2. */
  private static final double MEDIUM = 4.0;
  /** erfc(27.3) < 1e-325: below the smallest double. */
  private static final double ERFC_UNDERFLOW = 27.3;

  private Normal() {}

  /** P(Z <= x). */
  public static double cdf(double x) {
    return upperTail(-x);
  }

  /** Q(x) = P(Z > x), computed directly so that it keeps its relative precision far in the tail. */
  public static double upperTail(double x) {
    return 0.5 * erfc(x / SQRT_2);
  }

  /** ln Q(x), finite for every finite x (Q itself underflows to 0 beyond x = 38.5). */
  public static double logUpperTail(double x) {
    if (x < 0) {
      return Math.log1p(-upperTail(-x)); // Q(x) is near 1: log1p keeps its digits.
    }
    double y = x * INV_SQRT_2;
    if (y <= SMALL) {
      return Math.log(0.5 * (1.0 - erfSmall(y)));
    }
    // erfc(y) = e^(-y^2) R(y): its logarithm needs neither exponential, nor a cut-off where it underflows.
    return LOG_HALF - y * y + Math.log(erfcRatio(y));
  }

  /**
   * Q(x) e^f without overflow or a logarithm, for sums of tails on a common scale: the tail's e^(-x^2/2)
   * and the factor share one exponential. Finite whenever Q(x) e^f is; f is at most ln 4 where x is near
   * or below 0, as when the scale is the survival of a mixture this tail is part of.
   */
  static double upperTailTimesExp(double x, double f) {
    double y = x * INV_SQRT_2;
    if (y <= SMALL) {
      return 0.5 * erfc(y) * Math.exp(f);
    }
    return Math.exp(f + LOG_HALF - y * y) * erfcRatio(y);
  }

  /** The complementary error function erfc(x) = 1 - erf(x). */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double y = Math.abs(x);
    double positive;
    if (y <= SMALL) {
      positive = 1.0 - erfSmall(y);
    } else if (y >= ERFC_UNDERFLOW) {
      positive = 0.0;
    } else {
      // e^(-y^2) as e^(-h^2) e^(-(y-h)(y+h)) with h = y rounded down to 1/16: y^2's rounding would cost
      // digits far out.
      double h = Math.floor(y * 16) / 16;
      positive = Math.exp(-h * h) * Math.exp(-(y - h) * (y + h)) * erfcRatio(y);
    }
    return x < 0 ? 2.0 - positive : positive;
  }

  /** erf(y) for |y| <= 0.46875. */
  private static double erfSmall(double y) {
    double z = y * y;
    return y * horner(z, ERF_NUM) / horner(z, ERF_DEN);
  }

  /** erfc(y) e^(y^2) for y > 0.46875. */
  private static double erfcRatio(double y) {
    if (y <= MEDIUM) {
      return horner(y, ERFC_NUM) / horner(y, ERFC_DEN);
    }
    double z = 1.0 / (y * y);
    return (INV_SQRT_PI - z * horner(z, FAR_ERFC_NUM) / horner(z, FAR_ERFC_DEN)) / y;
  }

  /**
   * The x with P(Z <= x) = p. Returns -Infinity for 0 and +Infinity for 1. Wichura's AS241, refined by
   * Newton's method on ln Q below p = 1e-15 (a safeguard in the far tail: AS241 alone was measured within
   * about 1e-15 of the answer even at 1e-300).
   */
  public static double inverseCdf(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a probability lies between 0 and 1, got " + p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    return p < TAIL_POLISH ? -inverseLogUpperTail(Math.log(p)) : as241(p);
  }

  /**
   * The x with ln Q(x) = logP (logP <= 0): the inverse of {@link #logUpperTail}, also where Q(x) is
   * too small for a double.
   */
  public static double inverseLogUpperTail(double logP) {
    if (!(logP <= 0)) {
      throw new IllegalArgumentException("the log of a probability is 0 or less, got " + logP);
    }
    if (logP > LOG_HALF) {
      return as241(-Math.expm1(logP)); // Q(x) = p near 1: Phi(x) = 1 - p, which expm1 keeps exact.
    }
    if (logP > LOG_TAIL_POLISH) {
      return -as241(Math.exp(logP));
    }
    double x = logP > -690 ? -as241(Math.exp(logP)) : Math.sqrt(-2 * logP);
    // Newton's method on ln Q, whose slope is -phi(x)/Q(x): quadratic, a few steps from here.
    for (int i = 0; i < 20; i++) {
      double logQ = logUpperTail(x);
      double step = (logQ - logP) / -Math.exp(-0.5 * x * x - LOG_SQRT_2PI - logQ);
      x -= step;
      if (Math.abs(step) <= 1e-15 * x) {
        break;
      }
    }
    return x;
  }

  /** Wichura's algorithm AS241 (PPND16, Applied Statistics 37(3), 1988), for 0 < p < 1. */
  private static double as241(double p) {
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      double r = 0.180625 - q * q;
      return q * horner(r, CENTRAL_NUM) / horner(r, CENTRAL_DEN);
    }
    double r = Math.sqrt(-Math.log(q < 0 ? p : 1.0 - p));
    double x = r <= 5.0
        ? horner(r - 1.6, NEAR_NUM) / horner(r - 1.6, NEAR_DEN)
        : horner(r - 5.0, FAR_NUM) / horner(r - 5.0, FAR_DEN);
    return q < 0 ? -x : x;
  }

  /** c[0]*r^n + c[1]*r^(n-1) + ... + c[n]. */
  private static double horner(double r, double[] c) {
    double acc = c[0];
    for (int i = 1; i < c.length; i++) {
      acc = acc * r + c[i];
    }
    return acc;
  }

  // Cody's coefficients (CALERF), highest power first.
  private static final double[] ERF_NUM = {
    1.85777706184603153e-1, 3.16112374387056560e+0, 1.13864154151050156e+2, 3.77485237685302021e+2, 3.20937758913846947e+3
  };
  private static final double[] ERF_DEN = {
    1.0, 2.36012909523441209e+1, 2.44024637934444173e+2, 1.28261652607737228e+3, 2.84423683343917062e+3
  };
  private static final double[] ERFC_NUM = {
    2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e+0, 6.61191906371416295e+1, 2.98635138197400131e+2,
    8.81952221241769090e+2, 1.71204761263407058e+3, 2.05107837782607147e+3, 1.23033935479799725e+3
  };
  private static final double[] ERFC_DEN = {
    1.0, 1.57449261107098347e+1, 1.17693950891312499e+2, 5.37181101862009858e+2, 1.62138957456669019e+3,
    3.29079923573345963e+3, 4.36261909014324716e+3, 3.43936767414372164e+3, 1.23033935480374942e+3
  };
  private static final double[] FAR_ERFC_NUM = {
    1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
    1.60837851487422766e-2, 6.58749161529837803e-4
  };
  private static final double[] FAR_ERFC_DEN = {
    1.0, 2.56852019228982242e+0, 1.87295284992346047e+0, 5.27905102951428412e-1, 6.05183413124413191e-2,
    2.33520497626869185e-3
  };

  // AS241's coefficients, highest power first (as printed in the paper and in CPython's statistics module).
  private static final double[] CENTRAL_NUM = {
    2.5090809287301226727e+3, 3.3430575583588128105e+4, 6.7265770927008700853e+4, 4.5921953931549871457e+4,
    1.3731693765509461125e+4, 1.9715909503065514427e+3, 1.3314166789178437745e+2, 3.3871328727963666080e+0
  };
  private static final double[] CENTRAL_DEN = {
    5.2264952788528545610e+3, 2.8729085735721942674e+4, 3.9307895800092710610e+4, 2.1213794301586595867e+4,
    5.3941960214247511077e+3, 6.8718700749205790830e+2, 4.2313330701600911252e+1, 1.0
  };
  private static final double[] NEAR_NUM = {
    7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258e+0,
    3.64784832476320460504e+0, 5.76949722146069140550e+0, 4.63033784615654529590e+0, 1.42343711074968357734e+0
  };
  private static final double[] NEAR_DEN = {
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
    6.89767334985100004550e-1, 1.67638483018380384940e+0, 2.05319162663775882187e+0, 1.0
  };
  private static final double[] FAR_NUM = {
    2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
    2.96560571828504891230e-1, 1.78482653991729133580e+0, 5.46378491116411436990e+0, 6.65790464350110377720e+0
  };
  private static final double[] FAR_DEN = {
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
    1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0
  };
}
