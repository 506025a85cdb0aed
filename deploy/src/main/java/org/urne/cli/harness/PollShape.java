package org.urne.cli.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a poll's counts look like, read from its definition: its channels, its items in definition order, and the
 * cells each item is counted in (one for a priority item, for / mixed / against for an opinion, one per grade for
 * a judgment). The model, the server's results and a replayed core are all laid out in this shape, so comparing
 * them is a loop.
 *
 * @param id         the poll's id.
 * @param kind       {@code priority}, {@code opinion} or {@code judgment}.
 * @param channels   the channels in definition order.
 * @param itemIds    the item ids in definition order.
 * @param itemIndex  an item id's index in {@code itemIds}.
 * @param cellNames  the cells of one item, by cell index.
 * @param definition the definition as the API (or the definition file) gives it.
 */
public record PollShape(String id, String kind, List<String> channels, int[] itemIds, Map<Integer, Integer> itemIndex,
    List<String> cellNames, JsonNode definition)
{
    /** The choices of an opinion, in cell order. */
    public static final List<String> CHOICES = List.of("for", "mixed", "against");

    /** The shape of a definition as {@code GET /v1/polls/{id}} or a definition file gives it. */
    public static PollShape of(final JsonNode definition)
    {
        final String kind = definition.get("kind").asText();
        final List<String> channels = new ArrayList<>();
        definition.get("channels").forEach(channel -> channels.add(channel.asText()));
        final JsonNode items = definition.get("items");
        final int[] ids = new int[items.size()];
        final Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = items.get(i).get("id").asInt();
            index.put(ids[i], i);
        }
        final List<String> cells = new ArrayList<>();
        switch (kind)
        {
            case "priority" -> cells.add("votes");
            case "opinion" -> cells.addAll(CHOICES);
            default -> definition.get("grades").forEach(grade -> cells.add(grade.asText()));
        }
        return new PollShape(definition.get("id").asText(), kind, List.copyOf(channels), ids, Map.copyOf(index),
            List.copyOf(cells), definition);
    }

    /** The shapes of the definition files ({@code *.json}) in a polls directory, by file name. */
    public static List<PollShape> fromDirectory(final Path directory) throws IOException
    {
        final List<PollShape> polls = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList())
            {
                polls.add(of(UrneClient.JSON.readTree(file.toFile())));
            }
        }
        return polls;
    }

    public int cellsPerItem()
    {
        return cellNames.size();
    }

    /** The flat index of an item's cell, as {@link PollCounts} and {@link PlannedBallot#cells()} use it. */
    public int cell(final int itemIndex, final int cell)
    {
        return itemIndex * cellsPerItem() + cell;
    }

    /** Opinion ballots count per (voter, proposal); the other kinds per voter. */
    public boolean countsPerItem()
    {
        return "opinion".equals(kind);
    }

    /** "item 14, for, paper" for a difference report. */
    public String describe(final int cell, final int channel)
    {
        return "item " + itemIds[cell / cellsPerItem()] + ", " + cellNames.get(cell % cellsPerItem()) + ", " +
            channels.get(channel);
    }
}
