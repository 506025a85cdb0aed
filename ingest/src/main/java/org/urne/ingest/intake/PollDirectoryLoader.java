package org.urne.ingest.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.vertx.core.buffer.Buffer;
import org.urne.ingest.parse.PollDefinitionParser;
import org.urne.ingest.parse.StrictJsonParser;
import org.urne.ingest.problem.ProblemException;
import org.urne.tally.agent.Applied;
import org.urne.tally.agent.FutureSubmission;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.PollState;
import org.urne.tally.domain.FieldError;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;

/**
 * Loads the {@code *.json} poll definitions of a directory at start, in file name order: a poll the journal lacks
 * is journaled, an equal one skipped, a different one stops the start with a message naming the file. Runs on the
 * starting thread, before any event loop serves, so it may wait.
 */
public final class PollDirectoryLoader
{
    private static final long TIMEOUT_SECONDS = 30;
    /** Who a definition loaded at start-up is journaled for: the file it came from, as no token asked for it. */
    static final String DIRECTORY_AUTHOR = "file:";

    private PollDirectoryLoader()
    {
    }

    /** How many definitions were journaled. Runs before the server listens, so it may wait for each answer. */
    public static int load(final Path directory, final Edge edge) throws Exception
    {
        int journaled = 0;
        for (final Path file : files(directory))
        {
            final PollDefinition definition = edge.withOrderSeedDigest(parse(file, edge.json));
            final PollState existing = edge.polls().poll(definition.id());
            if (existing == null)
            {
                final FutureSubmission submission = new FutureSubmission(new JournalEntry.PollDefined(definition),
                    DIRECTORY_AUTHOR + file.getFileName());
                edge.pipeline.submit(submission);
                final Applied outcome = submission.answer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                // A duplicate is the same definition, journaled meanwhile: by another member of a cluster.
                if (outcome.outcome() != Outcome.ACCEPTED && outcome.outcome() != Outcome.DUPLICATE)
                {
                    throw new IllegalStateException(file + " defines poll " + definition.id() + ", which the tally " +
                        "refused: " + outcome.outcome() + " " + outcome.reason());
                }
                journaled += outcome.outcome() == Outcome.ACCEPTED ? 1 : 0;
            }
            else if (!existing.asDefined().sameAs(definition))
            {
                throw new IllegalStateException(file + " defines poll " + definition.id() +
                    " differently from the journal; definitions are immutable: give the new one another id");
            }
        }
        return journaled;
    }

    /** The ids of the polls the directory defines, in file order: what demo mode's paper tokens may enter. */
    public static List<String> pollIds(final Path directory, final StrictJsonParser json) throws IOException
    {
        final List<String> ids = new ArrayList<>();
        for (final Path file : files(directory))
        {
            ids.add(parse(file, json).id());
        }
        return ids;
    }

    private static List<Path> files(final Path directory) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory))
        {
            listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files;
    }

    private static PollDefinition parse(final Path file, final StrictJsonParser json) throws IOException
    {
        try
        {
            final PollDefinition definition =
                PollDefinitionParser.parse(json.parse(Buffer.buffer(Files.readAllBytes(file))), null);
            final List<FieldError> errors = PollDefinitionValidator.validate(definition);
            if (!errors.isEmpty())
            {
                throw new IllegalStateException(file + " is not a valid poll definition: " + errors);
            }
            return definition;
        }
        catch (final ProblemException e)
        {
            throw new IllegalStateException(file + " is not a valid poll definition: " + e.problem().detail() + " " +
                e.problem().errors());
        }
    }
}
