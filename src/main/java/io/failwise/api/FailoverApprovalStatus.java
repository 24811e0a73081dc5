package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the controller did with an approval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverApprovalStatus {
  @JsonPropertyDescription("Pending (the run does not wait at this step yet), Accepted (recorded in the run) or Rejected.")
  public String phase;

  @JsonPropertyDescription("Why, as a sentence.")
  public String message;
}
