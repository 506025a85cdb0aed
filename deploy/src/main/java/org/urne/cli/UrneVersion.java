package org.urne.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest ("development" when run from classes). */
final class UrneVersion implements IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String version = UrneCli.class.getPackage().getImplementationVersion();
        return new String[]{"urne " + (version == null ? "development" : version)};
    }
}
