package io.failwise.cli.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.failwise.model.Format;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code failwise sim outage|recover} asks of the living world, as one entry of the
 * {@value #CONFIG_MAP} ConfigMap (key: the cluster's name). The world applies each request once (by
 * its id) and answers under {@code CLUSTER.applied}.
 *
 * @param id unique per request, so that the same outage asked twice is applied twice
 * @param recover true: end every fault of the cluster; the other fields are then ignored
 * @param offlinePercent share of the cluster's devices kept offline (0 to 100), or null
 * @param offlineDevices devices kept offline, or null; with neither, the cluster stops answering
 * @param intermittent different devices take turns offline (as on 12 March), not the same ones
 * @param forSeconds the fault ends by itself after this much simulated time, or null: until recover
 */
@JsonDeserialize(builder = FaultRequest.Builder.class)
public record FaultRequest(
    String id, boolean recover, Double offlinePercent, Long offlineDevices, boolean intermittent, Long forSeconds) {
  public static final String CONFIG_MAP = "failwise-sim";
  /** The longest outage asked for by duration: a year; longer ran past what the world's clock can hold and stopped it. */
  static final Duration LONGEST = Duration.ofDays(365);
  public static final String APPLIED_SUFFIX = ".applied";
  private static final ObjectMapper JSON = new ObjectMapper();

  public FaultRequest {
    if (offlinePercent != null && !(offlinePercent > 0 && offlinePercent <= 100)) {
      throw new IllegalArgumentException("offline: a share must be above 0% and at most 100%, got " + offlinePercent + "%");
    }
    if (offlineDevices != null && offlineDevices <= 0) {
      throw new IllegalArgumentException("offline: a device count must be above 0, got " + offlineDevices);
    }
    if (forSeconds != null && forSeconds <= 0) {
      throw new IllegalArgumentException("for: the outage must last more than 0 seconds");
    }
    if (forSeconds != null && forSeconds > LONGEST.toSeconds()) {
      throw new IllegalArgumentException(
          "for: at most " + LONGEST.toDays() + " days (leave it out for an outage until `failwise sim recover`), got " + forSeconds + " s");
    }
  }

  /**
   * Reads {@code --offline} as people type it: {@code 30%} (a share of the cluster's devices) or
   * {@code 5000} (devices).
   */
  public static FaultRequest outage(String id, String offline, boolean intermittent, Duration forDuration) {
    Double percent = null;
    Long devices = null;
    if (offline != null) {
      String t = offline.trim().toLowerCase(Locale.ROOT).replace(",", "").replace("_", "");
      try {
        if (t.endsWith("%")) {
          percent = Double.parseDouble(t.substring(0, t.length() - 1).trim());
        } else {
          devices = Long.parseLong(t);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("offline: '" + offline + "' is neither a share (like 30%) nor a number of devices (like 5000)");
      }
    }
    return new FaultRequest(id, false, percent, devices, intermittent, forDuration == null ? null : forDuration.toSeconds());
  }

  public static FaultRequest recovery(String id) {
    return new FaultRequest(id, true, null, null, false, null);
  }

  /** The share of {@code devices} this request keeps offline (1.0 when the cluster stops answering). */
  public double offlineFraction(long devices) {
    if (offlinePercent != null) {
      return offlinePercent / 100.0;
    }
    if (offlineDevices != null) {
      return devices <= 0 ? 1.0 : Math.min(1.0, (double) offlineDevices / devices);
    }
    return 1.0;
  }

  /** A person's words for it: "40% offline, intermittently, for 2 h". */
  public String describe() {
    if (recover) {
      return "recovery";
    }
    String what =
        offlinePercent != null
            ? Format.count(Math.round(offlinePercent)) + "% offline"
            : offlineDevices != null ? Format.plural(offlineDevices, "device") + " offline" : "not answering at all";
    return what + (intermittent ? ", intermittently" : "")
        + (forSeconds == null ? ", until `failwise sim recover`" : ", for " + Format.duration(Duration.ofSeconds(forSeconds)));
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses an entry; a garbled one is an {@link IllegalArgumentException} naming what is wrong. */
  public static FaultRequest fromJson(String json) {
    try {
      return JSON.readValue(json, FaultRequest.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new IllegalArgumentException(cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage());
    }
  }

  /** Jackson's way in, so that the record's checks run on what is read too. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String id;
    private boolean recover;
    private Double offlinePercent;
    private Long offlineDevices;
    private boolean intermittent;
    private Long forSeconds;

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder recover(boolean v) {
      recover = v;
      return this;
    }

    public Builder offlinePercent(Double v) {
      offlinePercent = v;
      return this;
    }

    public Builder offlineDevices(Long v) {
      offlineDevices = v;
      return this;
    }

    public Builder intermittent(boolean v) {
      intermittent = v;
      return this;
    }

    public Builder forSeconds(Long v) {
      forSeconds = v;
      return this;
    }

    public FaultRequest build() {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("id: every request needs one");
      }
      return new FaultRequest(id, recover, offlinePercent, offlineDevices, intermittent, forSeconds);
    }
  }
}
