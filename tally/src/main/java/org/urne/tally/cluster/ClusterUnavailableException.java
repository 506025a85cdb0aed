package org.urne.tally.cluster;

/**
 * No leader answered a request in time: the cluster is electing, or too few of its members are up to commit. The
 * record may still be committed (it may be in the log already), so the client retries with the same ballot id and
 * the core's receipts count it once.
 */
public final class ClusterUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ClusterUnavailableException(final String message)
    {
        super(message);
    }
}
