package io.failwise.model.policy;

import java.time.Duration;

/**
 * When an outage is worth a decision, and when a decision is worth renewing.
 *
 * @param outageFor how long the Outage condition must have held
 * @param minOfflineDevices fewest offline devices worth a decision
 * @param materialChange re-decide early when offline devices change by more than this share
 */
public record TriggerSettings(Duration outageFor, long minOfflineDevices, double materialChange) {}
