package org.urne.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a poll's counts look like, read from its definition: its channels, its items in definition order, and the
 * cells each item is counted in (one for a priority item, for / mixed / against for an opinion, one per grade for
 * a judgment). The model and the server's results are both laid out in this shape, so comparing them is a loop.
 */
record PollShape(String id, String kind, List<String> channels, int[] itemIds, Map<Integer, Integer> itemIndex,
    List<String> cellNames, JsonNode definition)
{
    static final List<String> CHOICES = List.of("for", "mixed", "against");

    static PollShape of(final JsonNode definition)
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

    int cellsPerItem()
    {
        return cellNames.size();
    }

    int cell(final int itemIndex, final int cell)
    {
        return itemIndex * cellsPerItem() + cell;
    }

    /** Opinion ballots count per (voter, proposal); the other kinds per voter. */
    boolean countsPerItem()
    {
        return "opinion".equals(kind);
    }

    /** "item 14, for, paper" for a difference report. */
    String describe(final int cell, final int channel)
    {
        return "item " + itemIds[cell / cellsPerItem()] + ", " + cellNames.get(cell % cellsPerItem()) + ", " +
            channels.get(channel);
    }
}
