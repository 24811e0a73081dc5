package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * A planned maintenance window of a cluster: one-off ({@code start} and {@code end}) or recurring
 * ({@code at} and {@code duration}, on {@code days}). Inside it a reconnect wave is Degraded with
 * reason Maintenance, not an Outage, and no policy acts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceWindowSpec {
  @Required
  @JsonPropertyDescription("Why devices may drop: shown in the Degraded condition, e.g. 'broker upgrade CHG-1234'.")
  public String reason;

  @JsonPropertyDescription("One-off window: start, RFC 3339 (e.g. 2026-03-14T02:00:00Z).")
  public String start;

  @JsonPropertyDescription("One-off window: end, RFC 3339, after start and at most 24 h later.")
  public String end;

  @JsonPropertyDescription("Recurring window: local start time HH:MM (e.g. 03:00).")
  public String at;

  @JsonPropertyDescription("Recurring window: length, e.g. 30m or 2h (at most 24h).")
  public String duration;

  @JsonPropertyDescription("Recurring window: days it applies, Mon..Sun; empty for every day.")
  public List<String> days;

  @JsonPropertyDescription("Recurring window: IANA time zone of 'at' (default UTC), e.g. Europe/Oslo.")
  public String timeZone;

  @JsonPropertyDescription("Who wrote a window with 'failwise silence', for the record.")
  public String createdBy;
}
