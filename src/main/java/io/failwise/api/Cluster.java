package io.failwise.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An independent infrastructure cluster (an IoT hub, an MQTT broker cluster) that a segment of the
 * device fleet connects to, in one region.
 */
@Group(Region.GROUP)
@Version(Region.VERSION)
@ShortNames("fwcluster")
@ValidationRule(
    value =
        "!has(self.spec.failover) || !has(self.spec.failover.targets)"
            + " || self.spec.failover.targets.all(t, t.cluster != self.metadata.name)",
    message = "spec.failover.targets: a cluster cannot fail over to itself",
    fieldPath = ".spec.failover.targets") // the refusal names the field, not <nil> (the object)
@AdditionalPrinterColumn(name = "Region", jsonPath = ".spec.region", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Connected", jsonPath = ".status.devices.connected", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Expected", jsonPath = ".status.devices.expected", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Health", jsonPath = ".status.health", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Outage",
    jsonPath = ".status.conditions[?(@.type==\"Outage\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Cluster extends CustomResource<ClusterSpec, ClusterStatus> implements Namespaced {}
