package org.urne.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code urne cluster node | demo | status}: Urne on Aeron Cluster, N members replicating one count. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Run or inspect a replicated Urne: members on Aeron Cluster, one count, any member answers.",
    subcommands = {
        ClusterNodeCommand.class,
        ClusterDemoCommand.class,
        ClusterStatusCommand.class,
        CommandLine.HelpCommand.class
    })
final class ClusterCommand
{
}
