package io.failwise.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** Prints the application version from the build. */
public class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    // From the jar's manifest when there is one (also without Quarkus, for the offline commands).
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    if (version == null) {
      version = ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class).orElse("dev");
    }
    return new String[] {"failwise " + version};
  }
}
