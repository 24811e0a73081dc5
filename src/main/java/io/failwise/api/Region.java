package io.failwise.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cloud region; its status aggregates the health of the clusters in it. Cluster-scoped. */
@Group(Region.GROUP)
@Version(Region.VERSION)
@ShortNames("fwregion")
@AdditionalPrinterColumn(name = "Provider", jsonPath = ".spec.provider", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Clusters", jsonPath = ".status.clusters", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Connected", jsonPath = ".status.devices.connected", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Expected", jsonPath = ".status.devices.expected", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Health", jsonPath = ".status.health", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Region extends CustomResource<RegionSpec, RegionStatus> {
  public static final String GROUP = "failwise.io";
  public static final String VERSION = "v1alpha1";
}
