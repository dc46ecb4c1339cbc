package io.corridor.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CorridorCommand.class.getPackage().getImplementationVersion();
    return new String[] {"corridor " + (version == null ? "development" : version)};
  }
}
