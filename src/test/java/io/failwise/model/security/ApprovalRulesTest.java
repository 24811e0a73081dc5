package io.failwise.model.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
  @Test
  void fourEyesRefusesTheRequesterOnly() {
    assertEquals(
        Optional.of("alice requested this run and the step needs four eyes: someone else must approve it"),
        ApprovalRules.refusal("alice", List.of(), "alice", true, null));
    assertEquals(Optional.empty(), ApprovalRules.refusal("bob", List.of(), "alice", true, null));
    assertEquals(Optional.empty(), ApprovalRules.refusal("alice", List.of(), "alice", false, null), "without four eyes the requester may approve");
  }

  @Test
  void anApproverGroupNeedsMembership() {
    assertEquals(
        Optional.of("bob is not in group sre-leads, whose members alone may approve this step (the approval names group developers)"),
        ApprovalRules.refusal("bob", List.of("developers"), "alice", true, "sre-leads"));
    assertEquals(
        Optional.of("bob is not in group sre-leads, whose members alone may approve this step (the approval names groups developers, qa)"),
        ApprovalRules.refusal("bob", List.of("developers", "qa"), "alice", true, "sre-leads"));
    assertEquals(Optional.empty(), ApprovalRules.refusal("carol", List.of("sre-leads"), "alice", true, "sre-leads"));
    assertEquals(Optional.of("the approval names no approver"), ApprovalRules.refusal(" ", List.of("sre-leads"), null, false, null));
  }

  @Test
  void anApprovalWithoutAGroupRequirementNeedsNoGroups() {
    assertEquals(Optional.empty(), ApprovalRules.refusal("bob", null, "alice", true, null));
    assertEquals(Optional.empty(), ApprovalRules.refusal("bob", null, "alice", true, " "), "a blank group is no requirement");
    assertEquals(
        Optional.of("bob is not in group sre-leads, whose members alone may approve this step (the approval names no groups)"),
        ApprovalRules.refusal("bob", null, "alice", true, "sre-leads"));
    assertEquals(Optional.of("the approval names no approver"), ApprovalRules.refusal(null, List.of(), "alice", true, null));
    assertEquals(Optional.empty(), ApprovalRules.refusal("alice", List.of(), null, true, null), "no requester named: nobody is barred");
  }
}
