package org.urne.tally.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.urne.tally.core.ArgumentJournals;
import org.urne.tally.core.ArgumentView;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.JournalEntry;

/**
 * Journals of arguments as a server writes them ({@link GoldenJournals#writeArguments}): the chain verifies, no
 * file under the directory holds a text in clear, and a replay gives the live state (same state hash, same arguments
 * served) with the erased texts gone and the others read back through their keys.
 */
class ArgumentJournalTest
{
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 11, 12})
    void aJournalOfArgumentsReplaysToTheLiveStateWithoutTheErasedTexts(final long seed) throws IOException
    {
        final List<RandomJournal.Timed> records = ArgumentJournals.generate(seed, 300);
        final Path journal = root.resolve("journal");
        GoldenJournals.writeArguments(journal, records);

        final TallyCore live = new TallyCore();
        final Set<String> texts = new HashSet<>();
        int erased = 0;
        for (int position = 0; position < records.size(); position++)
        {
            final JournalEntry entry = records.get(position).entry();
            entry.dispatch(position, records.get(position).timeMicros(), live);
            erased += entry instanceof JournalEntry.ArgumentErased && live.lastOutcome() == Outcome.ACCEPTED ? 1 : 0;
            if (entry instanceof JournalEntry.BallotCast cast &&
                cast.ballot().content() instanceof BallotContent.Opinion opinion && opinion.argued())
            {
                texts.add(opinion.argument());
            }
        }
        assertThat(JournalVerifier.verify(journal).ok()).isTrue();
        final TallyCore replayed = new TallyCore();
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            assertThat(reader.replay(replayed, Long.MAX_VALUE)).isEqualTo(records.size());
        }
        assertThat(replayed.stateHash()).as("erasure changes no count, no receipt").isEqualTo(live.stateHash());
        final ArgumentView expected = live.arguments(RandomJournal.POLL);
        final ArgumentView actual = replayed.arguments(RandomJournal.POLL);
        for (int item = 0; item < ArgumentJournals.ITEM_IDS.length; item++)
        {
            for (final Choice stance : Choice.values())
            {
                assertThat(actual.page(item, stance, Long.MAX_VALUE, 1_000))
                    .isEqualTo(expected.page(item, stance, Long.MAX_VALUE, 1_000));
            }
        }
        assertThat(texts).as("the seed journals arguments").isNotEmpty();
        assertThat(erased).as("and erases some").isPositive();
        try (Stream<Path> files = Files.walk(root))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain("arg b");
            }
        }
    }
}
