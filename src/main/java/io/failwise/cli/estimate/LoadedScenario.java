package io.failwise.cli.estimate;

import io.failwise.model.estimate.EstimateInput;
import java.time.ZoneOffset;

/**
 * A scenario read from files, ready for the estimator.
 *
 * @param name the Scenario's metadata.name
 * @param priorFromScenario whether the scenario set the duration prior (else the default applies)
 * @param offset the UTC offset the scenario's {@code at} was written in: output times use it too
 */
public record LoadedScenario(String name, EstimateInput input, boolean priorFromScenario, ZoneOffset offset) {}
