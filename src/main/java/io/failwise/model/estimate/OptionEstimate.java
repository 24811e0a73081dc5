package io.failwise.model.estimate;

import java.util.Optional;

/**
 * What one option costs. An infeasible option has no loss (null) and NaN for its numbers.
 *
 * @param feasible false when it cannot be done at all (no target, no room, wrong granularity)
 * @param target the cluster the devices would move to; empty for HOLD and when no target qualifies
 * @param partial true when the target has room for only part of the devices that should move
 * @param devicesNotFitting devices that should move but for which the target has no room
 * @param devicesDisrupted devices that lose connectivity under this option
 * @param devicesMoved devices that change cluster
 * @param loss device-minutes lost as a function of the remaining outage
 * @param deviceMinutesMean expected device-minutes lost, over the conditioned prior
 * @param deviceMinutesP90 device-minutes lost if the outage lasts as long as its 90th percentile
 * @param recoveryMinutes expected minutes until every device is connected again (failback excluded)
 * @param reason why it is infeasible, partial or moves fewer devices than it could; empty otherwise
 */
public record OptionEstimate(
    Recommendation option,
    boolean feasible,
    Optional<String> target,
    boolean partial,
    long devicesNotFitting,
    long devicesDisrupted,
    long devicesMoved,
    DeviceMinuteLoss loss,
    double deviceMinutesMean,
    double deviceMinutesP90,
    double recoveryMinutes,
    String reason) {}
