package io.failwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Which run and step a person approves, as whom. Immutable: an approval is a record, not a setting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf", message = "an approval cannot be changed; create another")
public class FailoverApprovalSpec {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the FailoverRun, in this namespace.")
  public String run;

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription("The approval step approved (the run's status.currentStep while it waits).")
  public String step;

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription(
      "The approver's user name. The admission policy in manifests/approvals refuses the object unless it is the name the API server"
          + " authenticated for the request that creates it.")
  public String approver;

  @Size(max = 32)
  @JsonPropertyDescription("Groups the approver claims, each checked by the admission policy against the authenticated request's groups.")
  public List<String> groups = new ArrayList<>();

  @Size(max = 1024)
  @JsonPropertyDescription("Why, for the report.")
  public String comment;
}
