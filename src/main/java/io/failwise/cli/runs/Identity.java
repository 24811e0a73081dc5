package io.failwise.cli.runs;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * Who the person at the keyboard is to the API server: the approver a FailoverApproval must name,
 * because on a real cluster the admission policy refuses any other. Asked with a SelfSubjectReview
 * (Kubernetes 1.28+); where the server cannot answer (the embedded one, an older cluster), the login
 * name, which only the controller's four-eyes and group rules then check.
 */
record Identity(String user, List<String> groups) {
  /** {@code --as} and {@code --group} when given; else what the API server says; else the login name. */
  static Identity of(KubernetesClient client, String as, List<String> groups) {
    List<String> claimed = groups == null ? List.of() : List.copyOf(groups);
    if (as != null && !as.isBlank()) {
      return new Identity(as, claimed);
    }
    try {
      SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
      var info = review == null || review.getStatus() == null ? null : review.getStatus().getUserInfo();
      if (info != null && info.getUsername() != null && !info.getUsername().isBlank()) {
        // system: groups (system:authenticated...) are everyone's; they would only crowd the approval.
        List<String> own = info.getGroups() == null ? List.of() : info.getGroups().stream().filter(g -> !g.startsWith("system:")).limit(32).toList();
        return new Identity(info.getUsername(), claimed.isEmpty() ? own : claimed);
      }
    } catch (KubernetesClientException e) {
      // No SelfSubjectReview here (an older or embedded API server): fall back to the login name.
    } catch (RuntimeException e) {
      // An answer the client could not read: the login name, as above; the approval's admission policy still decides.
    }
    return new Identity(RunActions.who(null), claimed);
  }
}
