package org.urne.tally.journal;

import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;

/**
 * The bodies of the records of items added to an opinion poll while it runs, types 9 and 10 of format version 4
 * (docs/journal-format.md, "Bodies, format version 4"), after the {@code by} field every body starts with. Kept
 * apart from {@link JournalRecordCodec}, which frames them.
 */
final class ItemRecords
{
    static final int TYPE_ITEM_ADDED = 9;
    static final int TYPE_ITEM_STATUS = 10;

    private ItemRecords()
    {
    }

    static int write(final JournalRecordCodec.BodyWriter body, final JournalEntry.ItemAdded added)
    {
        body.writeString(added.pollId());
        body.writeString(added.title());
        body.writeString(added.group());
        body.writeString(added.subject());
        body.writeString(added.description());
        body.writeString(added.link());
        body.writeKey(added.proposer());
        return TYPE_ITEM_ADDED;
    }

    static int write(final JournalRecordCodec.BodyWriter body, final JournalEntry.ItemStatusChanged changed)
    {
        body.writeString(changed.pollId());
        body.writeInt(changed.item());
        body.writeEnum(changed.status());
        body.writeString(changed.reason());
        return TYPE_ITEM_STATUS;
    }

    static JournalEntry.ItemAdded readAdded(final JournalRecordCodec.BodyReader body)
    {
        return new JournalEntry.ItemAdded(body.readString(), body.readString(), body.readString(), body.readString(),
            body.readString(), body.readString(), body.readKey("proposer"));
    }

    static JournalEntry.ItemStatusChanged readStatus(final JournalRecordCodec.BodyReader body)
    {
        return new JournalEntry.ItemStatusChanged(body.readString(), body.readInt(),
            body.readEnum(ItemStatus.values(), "status"), body.readString());
    }
}
