package org.urne.tally.journal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.ItemStatus;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.Proposals;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.TallySheet;

/** Generators of every kind of journal entry, with the nulls and extremes the codec must carry, and fixed samples. */
final class JournalEntries
{
    private JournalEntries()
    {
    }

    static Arbitrary<JournalEntry> entries()
    {
        return Arbitraries.oneOf(
            definitions().map(JournalEntry.PollDefined::new),
            text().map(JournalEntry.PollOpened::new),
            text().map(JournalEntry.PollClosed::new),
            ballots().map(JournalEntry.BallotCast::new),
            sheets().map(JournalEntry.TallySheetRecorded::new),
            seals(),
            optionalText().map(JournalEntry.CommitmentMade::new),
            itemsAdded(),
            Combinators.combine(text(), Arbitraries.integers(), Arbitraries.of(ItemStatus.class).injectNull(0.1),
                optionalText()).as(JournalEntry.ItemStatusChanged::new),
            Combinators.combine(optionalText(), Arbitraries.longs(), optionalText())
                .as(JournalEntry.ArgumentHidden::new),
            Combinators.combine(optionalText(), Arbitraries.longs()).as(JournalEntry.ArgumentErased::new));
    }

    static Arbitrary<JournalEntry> itemsAdded()
    {
        return Combinators.combine(text(), text(), optionalText(), optionalText(), optionalText(), optionalText(),
            keys().injectNull(0.5)).as(JournalEntry.ItemAdded::new);
    }

    /** Valid Unicode text including multi-byte and supplementary characters (UTF-8 cannot carry lone surrogates). */
    static Arbitrary<String> text()
    {
        return Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('-', '_', ' ', 'é', 'ß', '€', '中', '\u0000')
            .ofMaxLength(20)
            .injectDuplicates(0.1)
            .map(s -> s.replace("X", "\uD83D\uDDF3"));
    }

    static Arbitrary<String> optionalText()
    {
        return text().injectNull(0.3);
    }

    static Arbitrary<OffsetDateTime> times()
    {
        return Combinators.combine(
                Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600))
            .as((seconds, nanos, offset) ->
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.ofTotalSeconds(offset)))
            .injectNull(0.3);
    }

    /** The first half of a definition: jqwik combines at most eight arbitraries at once. */
    private record Head(String id, String title, PollKind kind, List<String> channels, OffsetDateTime opensAt,
        OffsetDateTime closesAt, RevotePolicy revote)
    {
    }

    static Arbitrary<PollDefinition> definitions()
    {
        final Arbitrary<Item> items = Combinators.combine(
            Arbitraries.integers(), text(), optionalText(), optionalText(), optionalText(), optionalText())
            .as(Item::new);
        final Arbitrary<Head> heads = Combinators.combine(
                text(), text(), Arbitraries.of(PollKind.class).injectNull(0.1), text().list().ofMaxSize(4), times(),
                times(), Arbitraries.of(RevotePolicy.class).injectNull(0.1))
            .as(Head::new);
        return heads.flatMap(head -> Combinators.combine(
                Arbitraries.integers(), Arbitraries.integers(), items.list().ofMaxSize(5), text().list().ofMaxSize(5),
                Arbitraries.integers(), Arbitraries.integers())
            .as((min, max, itemList, grades, missing, maxArgument) -> new PollDefinition(head.id(), head.title(),
                head.kind(), head.channels(), head.opensAt(), head.closesAt(), head.revote(), min, max, itemList,
                grades, missing, maxArgument)))
            .flatMap(d -> Combinators.combine(times(), Arbitraries.of(Publication.class).injectNull(0.1),
                    Arbitraries.integers())
                .as((sheetsUntil, publication, commitEvery) -> new PollDefinition(d.id(), d.title(), d.kind(),
                    d.channels(), d.opensAt(), d.closesAt(), d.revote(), d.minSelections(), d.maxSelections(),
                    d.items(), d.grades(), d.missingGrade(), d.maxArgumentLength(), sheetsUntil, publication,
                    commitEvery)))
            .flatMap(d -> Arbitraries.of(Proposals.class).injectNull(0.1).map(proposals -> new PollDefinition(d.id(),
                d.title(), d.kind(), d.channels(), d.opensAt(), d.closesAt(), d.revote(), d.minSelections(),
                d.maxSelections(), d.items(), d.grades(), d.missingGrade(), d.maxArgumentLength(), d.sheetsUntil(),
                d.publication(), d.commitEvery(), d.stands(), d.paperEntry(), d.orderSeedSha256(), proposals)));
    }

    static Arbitrary<JournalEntry> seals()
    {
        final Arbitrary<byte[]> digests = Arbitraries.bytes().array(byte[].class).ofSize(32);
        return Combinators.combine(optionalText(), digests, digests, Arbitraries.integers(), optionalText())
            .as(JournalEntry.PollSealed::new);
    }

    static Arbitrary<Key128> keys()
    {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Key128::new).injectNull(0.1);
    }

    static Arbitrary<int[]> intArrays()
    {
        return Arbitraries.integers().array(int[].class).ofMaxSize(6).injectNull(0.1);
    }

    static Arbitrary<BallotContent> contents()
    {
        return Arbitraries.<BallotContent>oneOf(
            intArrays().map(BallotContent.Selection::new),
            Combinators.combine(Arbitraries.integers(), Arbitraries.of(Choice.class).injectNull(0.1), optionalText())
                .as(BallotContent.Opinion::new),
            Combinators.combine(intArrays(), intArrays()).as(BallotContent.Grades::new),
            Arbitraries.integers().map(BallotContent.Withdrawal::new)).injectNull(0.05);
    }

    /** Ballots as format version 2 journals them: without the platform's ballotId (the ballot key stands for it). */
    static Arbitrary<Ballot> ballots()
    {
        return Combinators.combine(text(), keys(), keys(), text(), Arbitraries.longs(), contents())
            .as((poll, voter, ballotKey, channel, castAt, content) ->
                new Ballot(poll, null, voter, ballotKey, channel, castAt, content));
    }

    static Arbitrary<TallySheet> sheets()
    {
        final Arbitrary<long[][]> counts = Arbitraries.longs().array(long[].class).ofMaxSize(5).injectNull(0.1)
            .array(long[][].class).ofMaxSize(4).injectNull(0.1);
        return Combinators.combine(text(), text(), text(), text(), Arbitraries.longs(), intArrays(), counts)
            .as(TallySheet::new);
    }

    /** A small valid ballot, for tests that need many records rather than varied ones. */
    static JournalEntry ballot(final int n)
    {
        return new JournalEntry.BallotCast(new Ballot("poll-1", null, new Key128(n, ~n), new Key128(~n, n),
            "digital", 1_650_000_000_000_000L + n, new BallotContent.Selection(new int[] {1 + n % 40, 41})));
    }
}
