package org.urne.tally.domain;

import java.util.Locale;

/**
 * Where an item of an opinion poll stands: open to votes, hidden by moderation, or withdrawn. A hidden or withdrawn
 * item takes no new opinion; the ones it already has still count.
 */
public enum ItemStatus
{
    /** Shown and open to votes: every defined item, and every added one until moderated or withdrawn. */
    PUBLISHED,
    /** Taken down by moderation: its texts are not served to the public. */
    HIDDEN,
    /** Withdrawn by its proposer or an operator: shown as withdrawn, with the votes it had. */
    WITHDRAWN;

    /** The JSON name: {@code published}, {@code hidden}, {@code withdrawn}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value a JSON name stands for, or null. */
    public static ItemStatus fromWire(final String name)
    {
        for (final ItemStatus status : values())
        {
            if (status.wireName().equals(name))
            {
                return status;
            }
        }
        return null;
    }
}
