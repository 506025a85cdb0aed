package org.urne.tally.journal;

/**
 * Takes the records a journal's opening pass verifies ({@link Journal#open(JournalContext, VerifiedRecords)}), so
 * that a serving node replays its journal in that one pass instead of reading every record a second time. Called on
 * the opening thread, in position order.
 */
public interface VerifiedRecords
{
    /**
     * Called once, before any record: how many records the journal's files hold, a corrupt tail and records dropped
     * earlier included, to size what the replay fills; and the journal's argument key store (open for writing, the
     * one {@link Journal#argumentKeys} returns), where the replay destroys the keys of the erasures it applies.
     */
    void expect(long records, ArgumentKeys keys);

    /**
     * A valid record, with its chain value and its argument decrypted where the key store holds the key. Every
     * record handed on is final: a corrupt tail is only ever found after the last of them, and when the open fails
     * instead (a bad record with valid ones after it), it throws once the records before it were handed on.
     */
    void accept(JournalRecord record);
}
