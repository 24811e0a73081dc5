package io.failwise.operator.estimate;

import io.failwise.api.validation.Problem;

/** A Cluster lacks what an estimate needs: names the cluster, the field and what would be valid. */
public class InvalidEstimateInputException extends IllegalArgumentException {
  private final String cluster;
  private final transient Problem problem;

  public InvalidEstimateInputException(String cluster, Problem problem) {
    super("Cluster " + cluster + ": " + problem);
    this.cluster = cluster;
    this.problem = problem;
  }

  /** The metadata.name of the Cluster whose field is at fault. */
  public String cluster() {
    return cluster;
  }

  public Problem problem() {
    return problem;
  }
}
