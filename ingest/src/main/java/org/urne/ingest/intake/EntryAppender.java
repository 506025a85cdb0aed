package org.urne.ingest.intake;

import java.util.concurrent.CompletableFuture;

import org.urne.tally.domain.JournalEntry;
import org.urne.tally.journal.Appended;

/** Where ingest sends what it accepted: {@code Journal::append}; the future completes once the record is durable. */
@FunctionalInterface
public interface EntryAppender
{
    CompletableFuture<Appended> append(JournalEntry entry);
}
