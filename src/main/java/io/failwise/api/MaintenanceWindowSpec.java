package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A planned maintenance window of a cluster: one-off ({@code start} and {@code end}) or recurring
 * ({@code at} and {@code duration}, on {@code days}). Inside it a reconnect wave is Degraded with
 * reason Maintenance, not an Outage, and no policy acts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaintenanceWindowSpec {
  /** HH:MM or HH:MM:SS, what LocalTime reads (24 h). */
  public static final String AT_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";

  /**
   * The form of a zone java.time reads: an IANA region id (Europe/Oslo, America/Argentina/Buenos_Aires,
   * UTC, Etc/GMT+1), or an offset (+01:00, UTC+01:00). Whether the zone exists only the controller can
   * tell: a CEL rule has no zone database.
   */
  public static final String TIME_ZONE_PATTERN =
      "^([A-Za-z][A-Za-z0-9~._+-]*(/[A-Za-z0-9~._+-]+)*|((UTC|GMT|UT)?[+-][0-9]{1,2}(:?[0-9]{2}(:?[0-9]{2})?)?)|Z)$";

  @Required
  @JsonPropertyDescription("Why devices may drop: shown in the Degraded condition, e.g. 'broker upgrade CHG-1234'.")
  public String reason;

  @JsonPropertyDescription("One-off window: start, RFC 3339 (e.g. 2026-03-14T02:00:00Z).")
  public String start;

  @JsonPropertyDescription("One-off window: end, RFC 3339, after start and at most 24 h later.")
  public String end;

  @Pattern(AT_PATTERN)
  @JsonPropertyDescription("Recurring window: local start time HH:MM (e.g. 03:00).")
  public String at;

  @JsonPropertyDescription("Recurring window: length, e.g. 30m or 2h (at most 24h).")
  public String duration;

  @JsonPropertyDescription("Recurring window: days it applies, Mon..Sun; empty for every day.")
  public List<String> days;

  @Pattern(TIME_ZONE_PATTERN)
  @Size(max = 64)
  @JsonPropertyDescription(
      "Recurring window: IANA time zone of 'at' (default UTC), e.g. Europe/Oslo. The schema checks the form only;"
          + " the controller ignores a window whose zone it does not know (e.g. Mars/Olympus), says so in the Ready"
          + " condition and a MaintenanceWindowIgnored Event, and applies the other windows.")
  public String timeZone;

  @JsonPropertyDescription("Who wrote a window with 'failwise silence', for the record.")
  public String createdBy;
}
