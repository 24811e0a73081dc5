package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** What a region is: a name for people, the cloud provider and its location. */
public class RegionSpec {
  @JsonPropertyDescription("Name shown to people, e.g. 'EU West (Ireland)'.")
  public String displayName;

  @Required
  @JsonPropertyDescription("Cloud provider, e.g. azure, aws, gcp, on-prem.")
  public String provider;

  @JsonPropertyDescription("The provider's location name, e.g. westeurope.")
  public String location;
}
