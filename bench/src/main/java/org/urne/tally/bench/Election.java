package org.urne.tally.bench;

import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;

/**
 * One election as the footprint programs apply it, the same as {@code CoreApplyBenchmark}'s: the Clermont poll of a
 * kind ({@link ClermontPolls}) defined and opened, then one first ballot per voter ({@link BallotGenerator}, seed
 * 2022), in journal order, all cast at {@link BallotGenerator#FIRST_CAST_AT}.
 */
public final class Election
{
    /** What a program does with each ballot right after the core applied it. */
    @FunctionalInterface
    public interface AfterBallot
    {
        void applied(long position, Ballot ballot);
    }

    public final PollKind kind;
    public final int voters;
    public final Ballot[] ballots;
    private final PollDefinition poll;

    private Election(final PollKind kind, final int voters)
    {
        this.kind = kind;
        this.voters = voters;
        this.poll = ClermontPolls.of(kind);
        this.ballots = BallotGenerator.firstBallots(poll, voters, 2022);
    }

    /** From a program's arguments, {@code [PRIORITY|OPINION|JUDGMENT] [voters]}: PRIORITY and 1,000,000 if absent. */
    public static Election fromArguments(final String[] args)
    {
        return new Election(args.length > 0 ? PollKind.valueOf(args[0]) : PollKind.PRIORITY,
            args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
    }

    /**
     * Applies the whole election to {@code core}, calling {@code after} for each ballot, then checks the core's
     * counts against a naive recount ({@link Recount}): a program measuring the core also proves it counted.
     */
    public void applyTo(final TallyCore core, final AfterBallot after)
    {
        final long time = BallotGenerator.FIRST_CAST_AT;
        long position = 0;
        core.onPollDefined(position, time, poll);
        core.onPollOpened(++position, time, poll.id());
        for (final Ballot ballot : ballots)
        {
            core.onBallot(++position, time, ballot);
            after.applied(position, ballot);
        }
        Recount.of(poll, ballots, ballots.length).requireMatches(core.results(poll.id(), time));
    }
}
