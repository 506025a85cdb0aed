package org.urne.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.PrivacyScan;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Item;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.journal.Journal;
import org.urne.tally.journal.JournalContext;
import org.urne.tally.journal.VoterKeys;

import static org.assertj.core.api.Assertions.assertThat;

class UrneCliTest
{
    private static final String POLL = "votation";
    private static final List<String> RAW_VOTERS = List.of("alice@example.org", "bob-1842", "carol-5f0c");

    @TempDir
    Path directory;
    private Path journal;

    @BeforeEach
    void journalAVotation() throws Exception
    {
        journal = directory.resolve("journal");
        final VoterKeys keys = new VoterKeys("a demo secret that is long enough for HMAC".getBytes(StandardCharsets.UTF_8));
        final PollDefinition definition = new PollDefinition(POLL, "Votation, \"démo\"", PollKind.PRIORITY,
            List.of("paper", "digital"), null, null, RevotePolicy.REPLACE, 1, 2,
            List.of(new Item(14, "Végétalisation", "Transition écologique", null), new Item(21, "Vélo", null, null),
                new Item(3, "Ritualiser, penser la convivialité", null, null)),
            List.of(), 0, 0);
        try (Journal writer = Journal.open(new JournalContext().directory(journal)))
        {
            append(writer, new JournalEntry.PollDefined(definition));
            append(writer, new JournalEntry.PollOpened(POLL));
            append(writer, ballot(keys, "b1", RAW_VOTERS.get(0), 14, 21));
            append(writer, ballot(keys, "b2", RAW_VOTERS.get(1), 14));
            append(writer, ballot(keys, "b2", RAW_VOTERS.get(1), 14));
            append(writer, sheet("stand-1", 10, 4, 7), "stand-agent-1");
            append(writer, ballot(keys, "b3", RAW_VOTERS.get(0), 3));
            append(writer, sheet("stand-1", 10, 5, 7));
            append(writer, ballot(keys, "b4", RAW_VOTERS.get(2), 21));
        }
    }

    @Test
    void replayRecountsTheJournalAsCsv()
    {
        final CliRun run = CliRun.of("replay", "--journal", journal.toString(), "--format", "csv", "--poll", POLL);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
            rank,id,title,paper,digital,total
            1,21,Vélo,7,1,8
            2,14,Végétalisation,5,1,6
            3,3,"Ritualiser, penser la convivialité",0,1,1
            """);
    }

    @Test
    void replayToAPositionGivesTheResultsAsTheyStoodThen()
    {
        final CliRun run = CliRun.of("replay", "-j", journal.toString(), "-f", "csv", "--poll", POLL, "--to-position", "5");
        assertThat(run.out()).contains("1,21,Vélo,7,1,8\n").contains("2,14,Végétalisation,4,2,6\n");
    }

    @Test
    void replaySummaryNamesThePositionAndTheStateHash()
    {
        final CliRun run = CliRun.of("replay", "-j", journal.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("9 records replayed, last position 8").containsPattern("State hash: [0-9a-f]{16}")
            .contains("Ballots: paper 10, digital 3, total 13");
        assertThat(CliRun.of("replay", "-j", journal.toString()).out()).as("replay is deterministic").isEqualTo(run.out());
    }

    @Test
    void verifySaysTheJournalIsSound()
    {
        final CliRun run = CliRun.of("verify", "-j", journal.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid records:      9 (positions 0 to 8)").contains("OK")
            .containsPattern("chain head: +[0-9a-f]{64} \\(after position 8\\)");
    }

    @Test
    void exportCarriesOutcomesAndNoRawVoterId() throws Exception
    {
        final Path ndjson = directory.resolve("ballots.ndjson");
        assertThat(CliRun.of("export", "-j", journal.toString(), "-o", ndjson.toString()).exitCode()).isZero();
        final List<String> lines = Files.readAllLines(ndjson);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("{\"exportFormat\":1}");
        assertThat(lines.get(3)).startsWith("{\"position\":2,\"type\":\"ballot\"")
            .contains("\"outcome\":\"accepted\"").contains("\"selections\":[14,21]").contains("\"record\":\"");
        assertThat(lines.get(5)).contains("\"outcome\":\"duplicate\"");
        assertThat(lines.get(10)).startsWith("{\"end\":{\"records\":9,\"chainHead\":\"");
        final CliRun csv = CliRun.of("export", "-j", journal.toString(), "--format", "csv");
        assertThat(csv.out().lines()).hasSize(8).first().asString().startsWith("position,time,type,poll")
            .endsWith(",by");
        assertThat(csv.out().lines()).filteredOn(line -> line.contains("tally-sheet")).first().asString()
            .endsWith(",stand-agent-1");
        assertThat(PrivacyScan.firstLeak(Files.readAllBytes(ndjson), RAW_VOTERS)).as("NDJSON export").isNull();
        assertThat(PrivacyScan.firstLeak(csv.out().getBytes(StandardCharsets.UTF_8), RAW_VOTERS)).as("CSV export")
            .isNull();
    }

    @Test
    void aMissingJournalIsAUsageErrorNamingIt()
    {
        final CliRun run = CliRun.of("replay", "-j", directory.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no journal directory at").contains("nowhere");
    }

    private static JournalEntry ballot(final VoterKeys keys, final String ballotId, final String voter,
        final int... items)
    {
        return new JournalEntry.BallotCast(new Ballot(POLL, ballotId, keys.voterKey(POLL, voter),
            keys.ballotKey(POLL, ballotId), "digital", ballotId.hashCode(), new BallotContent.Selection(items)));
    }

    private static JournalEntry sheet(final String sheetId, final long ballots, final long item14, final long item21)
    {
        return new JournalEntry.TallySheetRecorded(new TallySheet(POLL, sheetId, "Marché Saint-Joseph", "paper",
            ballots, new int[]{14, 21}, new long[][]{{item14}, {item21}}));
    }

    private static void append(final Journal writer, final JournalEntry entry) throws Exception
    {
        append(writer, entry, null);
    }

    /** Appends as a server does for a token: with its name. */
    private static void append(final Journal writer, final JournalEntry entry, final String by) throws Exception
    {
        writer.append(entry, by).get(10, TimeUnit.SECONDS);
    }
}
