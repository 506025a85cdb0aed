package org.urne.cli;

import java.io.PrintStream;
import java.util.List;

import org.urne.tally.core.MajorityJudgment;
import org.urne.tally.core.PollResults;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.PollDefinition;

/** A poll's results as a plain-text table for a terminal: per channel and total, in result order. */
final class ResultsTable
{
    private static final int TITLE_WIDTH = 60;

    private ResultsTable()
    {
    }

    static void print(final PrintStream out, final PollResults results)
    {
        final PollDefinition poll = results.definition();
        final List<String> channels = poll.channels();
        out.printf("%s: %s (%s, %s)%n", poll.id(), poll.title(), poll.kind().wireName(), results.status().wireName());
        out.print("Ballots:");
        for (int channel = 0; channel < channels.size(); channel++)
        {
            out.printf(" %s %d,", channels.get(channel), results.ballots()[channel]);
        }
        out.printf(" total %d%n", results.totalBallots());
        switch (poll.kind())
        {
            case PRIORITY -> printPriority(out, results);
            case OPINION -> printOpinion(out, results);
            case JUDGMENT -> printJudgment(out, results);
        }
    }

    private static void printPriority(final PrintStream out, final PollResults results)
    {
        final List<String> channels = results.definition().channels();
        out.printf("%5s %5s", "rank", "id");
        channels.forEach(channel -> out.printf(" %9s", channel));
        out.printf(" %9s  %s%n", "total", "title");
        for (final int item : results.ranking().order())
        {
            out.printf("%5d %5d", results.ranking().rank()[item], itemOf(results, item).id());
            for (final long count : results.counts()[item][0])
            {
                out.printf(" %9d", count);
            }
            out.printf(" %9d  %s%n", results.total(item, 0), title(itemOf(results, item)));
        }
    }

    private static void printOpinion(final PrintStream out, final PollResults results)
    {
        out.printf("%5s %9s %9s %9s %9s %9s  %s%n", "id", "for", "mixed", "against", "total", "arguments", "title");
        for (final int item : results.ranking().order())
        {
            long all = 0;
            out.printf("%5d", itemOf(results, item).id());
            for (final Choice choice : Choice.values())
            {
                final long total = results.total(item, choice.ordinal());
                out.printf(" %9d", total);
                all += total;
            }
            out.printf(" %9d %9d  %s%n", all, results.arguments()[item], title(itemOf(results, item)));
        }
    }

    private static void printJudgment(final PrintStream out, final PollResults results)
    {
        final List<String> grades = results.definition().grades();
        out.printf("%5s %5s  %-16s %s  %s%n", "rank", "id", "majority grade", "profile (worst first)", "title");
        for (final int item : results.ranking().order())
        {
            final int majority = results.majorityGrades()[item];
            final StringBuilder profile = new StringBuilder();
            for (int grade = 0; grade < grades.size(); grade++)
            {
                profile.append(grade == 0 ? "" : " ").append(results.total(item, grade));
            }
            out.printf("%5d %5d  %-16s %s  %s%n", results.ranking().rank()[item], itemOf(results, item).id(),
                majority == MajorityJudgment.NO_GRADE ? "-" : grades.get(majority), profile,
                title(itemOf(results, item)));
        }
    }

    private static Item itemOf(final PollResults results, final int index)
    {
        return results.definition().items().get(index);
    }

    private static String title(final Item item)
    {
        final String title = item.title();
        return title.length() <= TITLE_WIDTH ? title : title.substring(0, TITLE_WIDTH - 1) + "…";
    }
}
