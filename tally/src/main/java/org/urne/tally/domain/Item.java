package org.urne.tally.domain;

/**
 * One thing a poll asks about: an action to prioritise, a proposal to give an opinion on, an option to grade.
 *
 * @param id          the number citizens and published results know it by (Clermont's actions are 1 to 40).
 * @param title       what it says.
 * @param group       an optional grouping shown by results pages (a "transition" in Clermont), or null.
 * @param subject     an optional finer grouping, or null.
 * @param description the item set out in detail (plain text, paragraphs separated by blank lines), or null.
 * @param link        an absolute http(s) address where the item is set out further, or null.
 */
public record Item(int id, String title, String group, String subject, String description, String link)
{
    /** The longest description, in characters: a page of detail, not a document. */
    public static final int MAX_DESCRIPTION_LENGTH = 10_000;
    /** The longest link, in characters. */
    public static final int MAX_LINK_LENGTH = 2_000;

    /** An item with neither description nor link, as every item of record formats 1 to 3 is. */
    public Item(final int id, final String title, final String group, final String subject)
    {
        this(id, title, group, subject, null, null);
    }
}
