package org.urne.tally.journal;

import org.urne.tally.domain.JournalEntry;

/**
 * The bodies of the argument records, types 11 and 12 (docs/journal-format.md, "Argument records"), after the
 * {@code by} field every body starts with: an argument hidden by moderation, an argument's text erased. Format
 * version 4 only. Kept apart from {@link JournalRecordCodec}, which frames them.
 */
final class ArgumentRecords
{
    static final int TYPE_HIDDEN = 11;
    static final int TYPE_ERASED = 12;

    private ArgumentRecords()
    {
    }

    /** Writes the entry's fields, or returns -1 when it is not an argument record; the record type it is. */
    static int write(final JournalRecordCodec.BodyWriter body, final JournalEntry entry)
    {
        if (entry instanceof JournalEntry.ArgumentHidden hidden)
        {
            body.writeString(hidden.pollId());
            body.writeLong(hidden.argument());
            body.writeString(hidden.reason());
            return TYPE_HIDDEN;
        }
        if (entry instanceof JournalEntry.ArgumentErased erased)
        {
            body.writeString(erased.pollId());
            body.writeLong(erased.argument());
            return TYPE_ERASED;
        }
        return -1;
    }

    static JournalEntry read(final JournalRecordCodec.BodyReader body, final int type)
    {
        final String pollId = body.readString();
        final long argument = body.readLong();
        return type == TYPE_HIDDEN ? new JournalEntry.ArgumentHidden(pollId, argument, body.readString()) :
            new JournalEntry.ArgumentErased(pollId, argument);
    }
}
