package org.urne.tally.core;

import java.util.List;

import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * The canonical results CSV, version 1, frozen: a seal holds the SHA-256 of a poll's results in this form, and a
 * sealed poll is served in the version its seal names whatever later releases change, so this class never changes
 * (a new form is a new version beside it). It holds nothing that varies with time (no status, no position), only
 * the counts and the ranking. The layout (docs/journal-format.md): priority {@code rank,id,title,<channel…>,total};
 * opinion {@code id,title}, then for each of for, mixed, against and all a column per channel and a total, then
 * {@code arguments}; judgment {@code rank,id,title,majority_grade}, then per grade a column per channel and a total.
 * Lines end with {@code \n}; text fields follow RFC 4180, a field a spreadsheet would read as a formula prefixed
 * with {@code '}.
 */
public final class CanonicalResults
{
    /** The version of the canonical results CSV this class writes. */
    public static final int FORMAT = 1;

    private CanonicalResults()
    {
    }

    /** The results CSV, version 1. */
    public static String csv(final PollResults results)
    {
        final PollDefinition poll = results.definition();
        final List<String> channels = poll.channels();
        final StringBuilder csv = new StringBuilder(4096);
        switch (poll.kind())
        {
            case PRIORITY -> csv.append("rank,id,title");
            case OPINION -> csv.append("id,title");
            case JUDGMENT -> csv.append("rank,id,title,majority_grade");
        }
        switch (poll.kind())
        {
            case PRIORITY -> channelHeaders(csv, "", channels);
            case OPINION ->
            {
                for (final Choice choice : Choice.values())
                {
                    channelHeaders(csv, choice.wireName() + "_", channels);
                }
                channelHeaders(csv, "all_", channels);
                csv.append(",arguments");
            }
            case JUDGMENT ->
            {
                for (final String grade : poll.grades())
                {
                    channelHeaders(csv, grade + " ", channels);
                }
            }
        }
        csv.append('\n');
        for (final int item : results.ranking().order())
        {
            row(csv, results, item);
        }
        return csv.toString();
    }

    private static void row(final StringBuilder csv, final PollResults results, final int item)
    {
        final PollDefinition poll = results.definition();
        final Item definition = poll.items().get(item);
        final long[][] counts = results.counts()[item];
        if (poll.kind() != PollKind.OPINION)
        {
            csv.append(results.ranking().rank()[item]).append(',');
        }
        csv.append(definition.id()).append(',');
        // A hidden item's title is not published: its row keeps its number and its counts.
        appendText(csv, results.itemStatuses()[item] == ItemStatus.HIDDEN ? "" : definition.title());
        switch (poll.kind())
        {
            case PRIORITY -> channelValues(csv, counts[0]);
            case OPINION ->
            {
                final long[] allChoices = new long[poll.channels().size()];
                for (final long[] choice : counts)
                {
                    channelValues(csv, choice);
                    for (int channel = 0; channel < allChoices.length; channel++)
                    {
                        allChoices[channel] += choice[channel];
                    }
                }
                channelValues(csv, allChoices);
                csv.append(',').append(results.arguments()[item]);
            }
            case JUDGMENT ->
            {
                final int majority = results.majorityGrades()[item];
                csv.append(',');
                if (majority != MajorityJudgment.NO_GRADE)
                {
                    appendText(csv, poll.grades().get(majority));
                }
                for (final long[] grade : counts)
                {
                    channelValues(csv, grade);
                }
            }
        }
        csv.append('\n');
    }

    private static void channelHeaders(final StringBuilder csv, final String prefix, final List<String> channels)
    {
        for (final String channel : channels)
        {
            csv.append(',');
            appendText(csv, prefix + channel);
        }
        csv.append(',');
        appendText(csv, prefix + "total");
    }

    private static void channelValues(final StringBuilder csv, final long[] perChannel)
    {
        long total = 0;
        for (final long count : perChannel)
        {
            csv.append(',').append(count);
            total += count;
        }
        csv.append(',').append(total);
    }

    /**
     * A text field as version 1 writes it: a leading {@code '} when it begins like a formula ({@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return), then quoted, its quotes doubled, when it holds a comma, a
     * double quote or a line break. Kept here rather than shared with the other CSVs so that version 1 stays frozen.
     */
    private static void appendText(final StringBuilder line, final String field)
    {
        if (field == null)
        {
            return;
        }
        final char first = field.isEmpty() ? 'x' : field.charAt(0);
        final boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
            first == '\r';
        final String text = formula ? "'" + field : field;
        final boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 ||
            text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!needsQuotes)
        {
            line.append(text);
            return;
        }
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
