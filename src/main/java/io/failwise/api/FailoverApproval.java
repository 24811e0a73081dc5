package io.failwise.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A person's approval of one step of a run, as its own object: on a real cluster the admission policy
 * in manifests/approvals/ refuses it unless {@code spec.approver} is the user the API server
 * authenticated, so the name a run records is not the one a client typed (docs/security.md).
 */
@Group(Region.GROUP)
@Version(Region.VERSION)
@ShortNames("fwapproval")
@AdditionalPrinterColumn(name = "Run", jsonPath = ".spec.run", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".spec.step", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Approver", jsonPath = ".spec.approver", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class FailoverApproval extends CustomResource<FailoverApprovalSpec, FailoverApprovalStatus> implements Namespaced {}
