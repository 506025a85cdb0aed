package org.urne.tally.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.urne.tally.domain.Item;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;

/**
 * Polls over the 40 actions of Clermont-Ferrand's 2022 votation, one per kind, so the benchmarks count what a real
 * city asked: 40 items with real titles, digital and paper channels, up to 5 selections, a 7-grade scale.
 */
public final class ClermontPolls
{
    public static final String DIGITAL = "digital";
    public static final String PAPER = "paper";
    public static final int MAX_SELECTIONS = 5;
    /** The usual scale of majority judgment, worst first. */
    public static final List<String> GRADES =
        List.of("à rejeter", "insuffisant", "passable", "assez bien", "bien", "très bien", "excellent");

    private static final List<Item> ACTIONS = loadActions();

    private ClermontPolls()
    {
    }

    /** A poll of the given kind over the 40 actions, opened explicitly, never closing by itself. */
    public static PollDefinition of(final PollKind kind)
    {
        return new PollDefinition(
            "clermont-2022-" + kind.wireName(),
            "Votation citoyenne de Clermont-Ferrand, juin 2022",
            kind,
            List.of(DIGITAL, PAPER),
            null,
            null,
            RevotePolicy.REPLACE,
            kind == PollKind.PRIORITY ? 1 : 0,
            kind == PollKind.PRIORITY ? MAX_SELECTIONS : 0,
            ACTIONS,
            kind == PollKind.JUDGMENT ? GRADES : List.of(),
            0,
            kind == PollKind.OPINION ? PollDefinition.DEFAULT_MAX_ARGUMENT_LENGTH : 0);
    }

    private static List<Item> loadActions()
    {
        final List<Item> items = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
            ClermontPolls.class.getResourceAsStream("clermont-2022-actions.tsv"), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                if (!line.startsWith("#"))
                {
                    final String[] fields = line.split("\t");
                    items.add(new Item(Integer.parseInt(fields[0]), fields[3], fields[1], fields[2]));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return List.copyOf(items);
    }
}
