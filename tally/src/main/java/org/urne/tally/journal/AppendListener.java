package org.urne.tally.journal;

/**
 * Told once what became of one appended record. The writer calls it on its own thread, in position order, right
 * after the record's batch is durable: an implementation must only hand the news on (to a queue, an event loop),
 * since every later acknowledgement waits for it.
 */
public interface AppendListener
{
    /**
     * The record is durable in the configured sense, at this position, with this recorded time and this chain value
     * ({@code chain} is the writer's: copy it to keep it).
     */
    void onDurable(long position, long timeMicros, byte[] chain);

    /**
     * The record was not taken: the ring is full, the disk short of its reserve, the journal closed or its writer
     * failed ({@link Journal#append(org.urne.tally.domain.JournalEntry, String, AppendListener)} says which exception
     * means what). Called on the appending thread when the refusal is immediate.
     */
    void onRefused(Throwable cause);
}
