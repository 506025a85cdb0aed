package org.urne.tally.agent;

/**
 * What carries a record from the edge to the core and its answer back: the journal on a single node
 * ({@link TallyPipeline}), the replicated log in a cluster. Either way the submission is answered exactly once, with
 * what the core decided ({@link Submission#onApplied}) or why the record was not taken ({@link Submission#onRefused}).
 */
public interface RecordPipeline
{
    /** Sends the submission's record on its way. Never blocks. */
    void submit(Submission submission);
}
