package io.failwise.model.estimate;

/**
 * The standard normal distribution, for the lognormal outage-duration prior: CDF, upper tail (also in
 * log space, far beyond where it underflows) and inverse, each to about 1e-14 relative error.
 */
public final class Normal {
  private static final double SQRT_PI = Math.sqrt(Math.PI);
  private static final double SQRT_2 = Math.sqrt(2.0);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  /** Below this |x|, erf's Taylor series converges fast; above it the continued fraction does. */
  private static final double SERIES_CUTOFF = 1.5;
  private static final int SERIES_TERMS = 25;
  private static final int CONTINUED_FRACTION_TERMS = 50;
  /** Q(37) = 5.7e-300 is still a normal double; further out logUpperTail uses the asymptotic series. */
  private static final double LOG_TAIL_CUTOFF = 37.0;
  private static final double LOG_HALF = Math.log(0.5);
  private static final double TAIL_POLISH = 1e-15;
  private static final double LOG_TAIL_POLISH = Math.log(TAIL_POLISH);

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
    if (x < LOG_TAIL_CUTOFF) {
      return Math.log(upperTail(x));
    }
    // Q(x) = phi(x)/x * (1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - ...); the next term is below 1e-12 here.
    double y = 1.0 / (x * x);
    double series = -y * (1 - y * (3 - y * (15 - 105 * y)));
    return -0.5 * x * x - Math.log(x) - LOG_SQRT_2PI + Math.log1p(series);
  }

  /** The complementary error function erfc(x) = 1 - erf(x). */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < SERIES_CUTOFF) {
      return 1.0 - erfSeries(x);
    }
    if (x >= 27.3) {
      return 0.0; // erfc(27.3) < 1e-325: below the smallest double.
    }
    return erfcContinuedFraction(x);
  }

  /** erf(x) = 2x e^(-x^2)/sqrt(pi) * sum_k (2x^2)^k / (1*3*...*(2k+1)), evaluated from the inside out. */
  private static double erfSeries(double x) {
    double x2 = x * x;
    double acc = 0.0;
    double fk = SERIES_TERMS + 0.5;
    for (int i = 0; i < SERIES_TERMS; i++) {
      acc = 2.0 + x2 * acc / fk;
      fk -= 1.0;
    }
    return acc * x * Math.exp(-x2) / SQRT_PI;
  }

  /**
   * erfc(x) = x e^(-x^2)/sqrt(pi) / (x^2 + 1/2 - (1*1/2)/(x^2 + 5/2 - (2*3/2)/(x^2 + 9/2 - ...))),
   * by the forward three-term recurrence of its convergents.
   */
  private static double erfcContinuedFraction(double x) {
    double x2 = x * x;
    double a = 0.0;
    double da = 0.5;
    double p = 1.0;
    double pLast = 0.0;
    double q = da + x2;
    double qLast = 1.0;
    for (int i = 0; i < CONTINUED_FRACTION_TERMS; i++) {
      a += da;
      da += 2.0;
      double b = da + x2;
      double t = p;
      p = b * p - a * pLast;
      pLast = t;
      t = q;
      q = b * q - a * qLast;
      qLast = t;
    }
    return p / q * x * Math.exp(-x2) / SQRT_PI;
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
