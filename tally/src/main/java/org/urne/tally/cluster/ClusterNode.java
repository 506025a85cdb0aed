package org.urne.tally.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.MinMulticastFlowControlSupplier;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SystemNanoClock;
import org.urne.tally.agent.RecordPipeline;
import org.urne.tally.agent.TallyAgent;
import org.urne.tally.core.TallyCore;
import org.urne.tally.journal.Durability;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;

/**
 * One member of an Urne cluster in this process: its media driver, archive and consensus module (Aeron's
 * {@link ClusteredMediaDriver}), the {@link TallyClusteredService} in its container, the node's copy of the log as a
 * journal, and the {@link ClusterIngressAgent} its HTTP edge submits through. Every member runs the same.
 */
public final class ClusterNode implements AutoCloseable
{
    /** Room the media driver's directory needs beyond the term buffers: its CnC file, counters and loss report. */
    private static final long DRIVER_DIR_OVERHEAD = 16L * 1024 * 1024;
    /** Term buffers a node maps for the log at once: publication and images, three terms each, with slack. */
    private static final int TERMS_MAPPED = 12;
    private static final long RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** Aeron's mark file liveness timeout (10 s), with a margin. */
    private static final long STALE_MARK_FILE_WAIT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final long MARK_FILE_RETRY_MILLIS = 500;

    private final ClusterNodeContext context;
    private final Journal journal;
    private final TallyClusteredService service;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final Aeron aeron;
    private final ClusterIngressAgent ingress;
    private final AgentRunner ingressRunner;
    private final SnapshotTimer snapshots;

    private ClusterNode(final ClusterNodeContext context, final Journal journal, final TallyClusteredService service,
        final ClusteredMediaDriver driver, final ClusteredServiceContainer container, final Aeron aeron,
        final ClusterIngressAgent ingress, final AgentRunner ingressRunner, final SnapshotTimer snapshots)
    {
        this.snapshots = snapshots;
        this.context = context;
        this.journal = journal;
        this.service = service;
        this.driver = driver;
        this.container = container;
        this.aeron = aeron;
        this.ingress = ingress;
        this.ingressRunner = ingressRunner;
    }

    /**
     * Starts the member; returns at once (the log is replayed and a leader elected in the background).
     *
     * @param clockMicros wall time, for publication pacing and poll status shown to readers only (never for state).
     * @param errors      where Aeron's and the service's errors go.
     * @throws IllegalStateException when the media driver's directory has too little room for the term buffers.
     */
    public static ClusterNode launch(final ClusterNodeContext context, final LongSupplier clockMicros,
        final ErrorHandler errors)
    {
        final Path journalDir = context.nodeDir().resolve("journal");
        createDirectories(journalDir);
        createDirectories(context.driverDir());
        checkDriverRoom(context);
        // The journal's lock is the node directory's: held, it proves no other process runs this member.
        final Journal journal = Journal.open(new JournalContext().directory(journalDir)
            .durability(Durability.PAGE_CACHE).clockMicros(clockMicros));
        ClusteredMediaDriver driver = null;
        ClusteredServiceContainer container = null;
        Aeron aeron = null;
        try
        {
            final TallyCore core = new TallyCore();
            final TallyAgent agent = TallyAgent.serving(core, (handler, limit) -> 0, clockMicros,
                context.publishIntervalMicros(), 1024);
            final TallyClusteredService service =
                new TallyClusteredService(core, agent, new JournalCopy(journal, journalDir));
            final String driverDir = context.driverDir().toAbsolutePath().toString();
            final AeronParts launched = launchAeron(context, service, errors);
            driver = launched.driver();
            container = launched.container();
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driverDir).errorHandler(errors));
            final ClusterIngressAgent ingress = new ClusterIngressAgent(aeron, context.ingressEndpoints(),
                udp(context.host(), 0), agent::appliedPosition, SystemNanoClock.INSTANCE, RESEND_INTERVAL_NS,
                context.ackTimeoutNs(), errors);
            final AgentRunner ingressRunner = new AgentRunner(new BackoffIdleStrategy(), errors, null, ingress);
            AgentRunner.startOnThread(ingressRunner);
            final SnapshotTimer snapshots = context.snapshotIntervalNs() > 0 ?
                SnapshotTimer.start(aeron, service, context.snapshotIntervalNs()) : null;
            return new ClusterNode(context, journal, service, driver, container, aeron, ingress, ingressRunner,
                snapshots);
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(aeron, container, driver, journal);
            throw ex;
        }
    }

    /**
     * Launches the media driver, archive, consensus module and service container, with fresh contexts at each try:
     * after a SIGKILL the previous process's mark files look active for 10 seconds (Aeron's liveness timeout), and
     * this process holds the node directory's lock, so the previous owner is dead: wait them out rather than fail
     * (a supervisor restarting the member at once would otherwise see it refuse to start for that long).
     */
    private static AeronParts launchAeron(final ClusterNodeContext context, final TallyClusteredService service,
        final ErrorHandler errors)
    {
        final long deadline = System.nanoTime() + STALE_MARK_FILE_WAIT_NS;
        while (true)
        {
            try
            {
                return launchAeronOnce(context, service, errors);
            }
            catch (final RuntimeException ex)
            {
                if (!isActiveMarkFile(ex) || System.nanoTime() > deadline)
                {
                    throw ex;
                }
                errors.onError(new IllegalStateException("waiting for the mark files of this member's previous " +
                    "process (killed, not stopped) to go stale: " + ex.getMessage()));
                sleep(MARK_FILE_RETRY_MILLIS);
            }
        }
    }

    private static AeronParts launchAeronOnce(final ClusterNodeContext context,
        final TallyClusteredService service, final ErrorHandler errors)
    {
        final Path nodeDir = context.nodeDir();
        final String driverDir = context.driverDir().toAbsolutePath().toString();
        final int syncLevel = context.fsync() ? 1 : 0;
        final String host = context.host();
        final AeronArchive.Context localArchive = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel("aeron:ipc?term-length=64k")
            .controlResponseChannel("aeron:ipc?term-length=64k")
            .aeronDirectoryName(driverDir);
        final ClusteredMediaDriver driver = ClusteredMediaDriver.launch(
            new MediaDriver.Context()
                .aeronDirectoryName(driverDir)
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .multicastFlowControlSupplier(new MinMulticastFlowControlSupplier())
                .errorHandler(errors),
            new Archive.Context()
                .aeronDirectoryName(driverDir)
                .archiveDir(nodeDir.resolve("archive").toFile())
                .controlChannel(udp(host, context.port(context.memberId(), ClusterNodeContext.ARCHIVE_CONTROL_PORT)))
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel(udp(host, 0)))
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel(udp(host, 0))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .fileSyncLevel(syncLevel)
                .catalogFileSyncLevel(syncLevel)
                .errorHandler(errors),
            new ConsensusModule.Context()
                .aeronDirectoryName(driverDir)
                .clusterMemberId(context.memberId())
                .clusterMembers(context.clusterMembers())
                .clusterDir(nodeDir.resolve("cluster").toFile())
                .ingressChannel("aeron:udp")
                .logChannel("aeron:udp?term-length=" + context.termLength())
                .replicationChannel(udp(host, 0))
                .archiveContext(localArchive.clone())
                .fileSyncLevel(syncLevel)
                .clusterClock(new NanosecondClusterClock())
                .leaderHeartbeatTimeoutNs(context.failoverNs())
                .leaderHeartbeatIntervalNs(Math.max(TimeUnit.MILLISECONDS.toNanos(50), context.failoverNs() / 20))
                .electionTimeoutNs(Math.min(TimeUnit.SECONDS.toNanos(1), context.failoverNs() / 2))
                .errorHandler(errors));
        final ClusteredServiceContainer container;
        try
        {
            container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
                .aeronDirectoryName(driverDir)
                .archiveContext(localArchive.clone())
                .clusterDir(nodeDir.resolve("cluster").toFile())
                .clusteredService(service)
                .errorHandler(errors));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
        return new AeronParts(driver, container);
    }

    private static boolean isActiveMarkFile(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause.getMessage() != null && cause.getMessage().contains("active mark file"))
            {
                return true;
            }
        }
        return false;
    }

    /** What {@link #launchAeron} started: the driver with archive and consensus module, and the service. */
    private record AeronParts(ClusteredMediaDriver driver, ClusteredServiceContainer container)
    {
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", ex);
        }
    }

    /** Where this node's HTTP edge submits records. */
    public RecordPipeline pipeline()
    {
        return ingress;
    }

    /** The tally agent whose published state this node serves. */
    public TallyAgent agent()
    {
        return service.agent();
    }

    /** The service, for its role and state hash. */
    public TallyClusteredService service()
    {
        return service;
    }

    /** This node's role as the service last heard it. */
    public Cluster.Role role()
    {
        return service.role();
    }

    /** The node's settings. */
    public ClusterNodeContext context()
    {
        return context;
    }

    /** The node's journal (its copy of the committed log). */
    public Journal journal()
    {
        return journal;
    }

    /** Stops taking records (the waiting ones are told to retry), then the service, consensus, archive and driver. */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(snapshots, ingressRunner, aeron, container, driver, journal);
    }

    /** How many snapshots this member's consensus module has taken since it started. */
    public long snapshotCount()
    {
        final long[] count = {0};
        aeron.countersReader().forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == AeronCounters.CLUSTER_SNAPSHOT_COUNTER_TYPE_ID)
            {
                count[0] = aeron.countersReader().getCounterValue(counterId);
            }
        });
        return count[0];
    }

    /** Has the cluster take a snapshot now, if this member leads; returns whether the request was made. */
    public boolean requestSnapshot()
    {
        return SnapshotTimer.request(aeron, service);
    }

    private static String udp(final String host, final int port)
    {
        return "aeron:udp?endpoint=" + host + ":" + port;
    }

    private static void checkDriverRoom(final ClusterNodeContext context)
    {
        final long needed = (long)TERMS_MAPPED * context.termLength() + DRIVER_DIR_OVERHEAD;
        final long usable;
        try
        {
            usable = Files.getFileStore(context.driverDir()).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the free space of " + context.driverDir(), ex);
        }
        if (usable < needed)
        {
            throw new IllegalStateException("the media driver's directory " + context.driverDir().toAbsolutePath() +
                " has " + usable / (1024 * 1024) + " MB free, and a node with term length " +
                context.termLength() / 1024 + " KB needs at least " + needed / (1024 * 1024) + " MB there: give " +
                "/dev/shm (or the memory volume) more room, or lower cluster.termLength (docs/operations.md, \"Cluster\")");
        }
    }

    private static void createDirectories(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + dir.toAbsolutePath(), ex);
        }
    }
}
