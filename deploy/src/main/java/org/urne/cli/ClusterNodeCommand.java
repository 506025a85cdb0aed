package org.urne.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.urne.ingest.ClusterNodeServer;
import org.urne.ingest.config.ClusterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** One member of a cluster, from the cluster's file, until SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Run one member of an Urne cluster (consensus, archive, media driver, tally service, HTTP API).",
        "Every member reads the same --config file; stops gracefully on SIGTERM."})
final class ClusterNodeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The cluster file (see config/urne-cluster.example.yaml).")
    Path config;

    @Option(names = "--id", required = true, paramLabel = "N", description = "This member's id in the file's list.")
    int id;

    @Override
    public Integer call() throws Exception
    {
        if (!Files.isRegularFile(config))
        {
            throw new ParameterException(spec.commandLine(), "no cluster file at " + config.toAbsolutePath());
        }
        final ClusterNodeServer server = ClusterNodeServer.start(ClusterConfig.load(config, System.getenv()), id,
            System.getenv());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "urne-shutdown"));
        System.out.printf("Urne cluster member %d is serving %s (pid %d)%n", id, server.url(),
            ProcessHandle.current().pid());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
