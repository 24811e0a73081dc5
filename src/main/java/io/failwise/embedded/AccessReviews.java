package io.failwise.embedded;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Answers a SelfSubjectRulesReview as an API server without authorization would: every verb on
 * every resource. The operator SDK asks one before leader election (can it get, create and update
 * Leases?); the CRUD mock would echo the request without a status, and the controller would not start.
 */
final class AccessReviews {
  static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private AccessReviews() {}

  /** The review posted, with a status that allows everything (the embedded server checks no access). */
  static SelfSubjectRulesReview answer(String body) {
    SelfSubjectRulesReview review =
        body == null || body.isBlank() ? new SelfSubjectRulesReview() : Serialization.unmarshal(body, SelfSubjectRulesReview.class);
    review.setStatus(new SubjectRulesReviewStatusBuilder()
        .withIncomplete(false)
        .addToResourceRules(new ResourceRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build())
        .build());
    return review;
  }
}
