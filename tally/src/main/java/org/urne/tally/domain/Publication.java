package org.urne.tally.domain;

import java.util.Locale;

/** When a poll's counts become public; before that, public routes show turnout (positions) but no count. */
public enum Publication
{
    /** From the first ballot, as results were before embargoes existed. */
    LIVE,
    /** From the poll's close. */
    AT_CLOSE,
    /** From the poll's seal: the results published are then final. */
    AT_SEAL;

    /** The JSON name: {@code live}, {@code at-close}, {@code at-seal}. */
    public String wireName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value a JSON name stands for, or null. */
    public static Publication fromWire(final String name)
    {
        for (final Publication publication : values())
        {
            if (publication.wireName().equals(name))
            {
                return publication;
            }
        }
        return null;
    }
}
