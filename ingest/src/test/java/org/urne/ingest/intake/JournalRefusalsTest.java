package org.urne.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.journal.JournalBackpressureException;
import org.urne.tally.journal.JournalDiskFullException;
import org.urne.tally.cluster.ClusterUnavailableException;
import org.urne.tally.journal.JournalException;

/**
 * Each way the journal refuses a record, as its problem type. ProblemTypesTest drives all but one through a real
 * server; a refusal the journal does not name ({@code submission-failed}) cannot be caused from outside, so its
 * mapping is pinned here with the others beside it.
 */
class JournalRefusalsTest
{
    @Test
    void eachRefusalHasItsType()
    {
        assertThat(EventLoopSubmission.refusal(new JournalBackpressureException("ring full"), 2).type())
            .isEqualTo(ProblemType.JOURNAL_BUSY);
        assertThat(EventLoopSubmission.refusal(new JournalDiskFullException("disk full"), 2).type())
            .isEqualTo(ProblemType.JOURNAL_FULL);
        assertThat(EventLoopSubmission.refusal(new JournalException("closed"), 2).type())
            .isEqualTo(ProblemType.JOURNAL_UNAVAILABLE);
        assertThat(EventLoopSubmission.refusal(new IllegalArgumentException("too large"), 2).type())
            .isEqualTo(ProblemType.RECORD_TOO_LARGE);
        assertThat(EventLoopSubmission.refusal(new ClusterUnavailableException("no leader"), 2).type())
            .isEqualTo(ProblemType.CLUSTER_UNAVAILABLE);
        final Problem unnamed = EventLoopSubmission.refusal(new IllegalStateException("anything else"), 2);
        assertThat(unnamed.type()).isEqualTo(ProblemType.SUBMISSION_FAILED);
        assertThat(unnamed.retryAfter()).isEqualTo(2);
        assertThat(unnamed.status()).isEqualTo(503);
    }
}
