package io.failwise.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A reusable failover template: ordered steps (precheck, approval, scale, shift in waves, wait,
 * verify, failback), the stop conditions checked while devices move, and what a rollback undoes. Its
 * status says whether runs and policies can use it ({@code Ready}), checked when it is applied.
 */
@Group(Region.GROUP)
@Version(Region.VERSION)
@ShortNames("fwplaybook")
@AdditionalPrinterColumn(name = "Description", jsonPath = ".spec.description", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class FailoverPlaybook extends CustomResource<FailoverPlaybookSpec, FailoverPlaybookStatus> implements Namespaced {}
