package org.urne.tally.journal;

import java.util.concurrent.CompletableFuture;

/** The listener behind {@link Journal#append(org.urne.tally.domain.JournalEntry)}: a future of the outcome. */
final class AppendFuture extends CompletableFuture<Appended> implements AppendListener
{
    @Override
    public void onDurable(final long position, final long timeMicros, final byte[] chain)
    {
        complete(new Appended(position, timeMicros, chain.clone()));
    }

    @Override
    public void onRefused(final Throwable cause)
    {
        completeExceptionally(cause);
    }
}
