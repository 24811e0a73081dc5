package io.failwise.model.security;

import java.util.List;
import java.util.Optional;

/**
 * Who may approve a step: optionally only members of a group, and (four eyes) not the person who
 * requested the run. The identities come from a FailoverApproval whose approver and groups the API
 * server's admission policy checked against the authenticated request.
 */
public final class ApprovalRules {
  private ApprovalRules() {}

  /**
   * Why {@code approver} may not approve; empty if they may.
   *
   * @param groups the approver's groups, as authenticated
   * @param requestedBy who requested the run (its spec.requestedBy), or null
   * @param fourEyes whether the requester is barred from approving
   * @param requiredGroup the group approvers must be in, or null
   */
  public static Optional<String> refusal(String approver, List<String> groups, String requestedBy, boolean fourEyes, String requiredGroup) {
    if (approver == null || approver.isBlank()) {
      return Optional.of("the approval names no approver");
    }
    if (fourEyes && approver.equals(requestedBy)) {
      return Optional.of(approver + " requested this run and the step needs four eyes: someone else must approve it");
    }
    if (requiredGroup != null && !requiredGroup.isBlank() && (groups == null || !groups.contains(requiredGroup))) {
      // Say which groups the approval named: the verdict is on them, and a retry with the right one is judged again.
      String named = groups == null || groups.isEmpty() ? "no groups" : (groups.size() == 1 ? "group " : "groups ") + String.join(", ", groups);
      return Optional.of(approver + " is not in group " + requiredGroup + ", whose members alone may approve this step (the approval names "
          + named + ")");
    }
    return Optional.empty();
  }
}
