package org.urne.cli.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A demo poll's shape as its definition file gives it, and how its published results read as counts: the keys the
 * model uses, {@code items/<id>/<cell>/<channel>}, {@code ballots/<channel>} and {@code arguments/<id>}, where a
 * cell is {@code votes} (priority), a choice (opinion) or a grade index (judgment). Totals are left out: they are
 * sums of the rest.
 */
record DemoPoll(String id, String kind, List<String> channels, List<Integer> itemIds, int grades)
{
    static final List<String> CHOICES = List.of("for", "mixed", "against");

    /** The three demo polls {@code serve} loads from {@code config/demo-polls}. */
    static List<DemoPoll> all() throws IOException
    {
        final List<DemoPoll> polls = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/dist/config/demo-polls")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList())
            {
                polls.add(of(UrneApi.JSON.readTree(file.toFile())));
            }
        }
        return polls;
    }

    private static DemoPoll of(final JsonNode definition)
    {
        final List<String> channels = new ArrayList<>();
        definition.get("channels").forEach(channel -> channels.add(channel.asText()));
        final List<Integer> items = new ArrayList<>();
        definition.get("items").forEach(item -> items.add(item.get("id").asInt()));
        final JsonNode grades = definition.get("grades");
        return new DemoPoll(definition.get("id").asText(), definition.get("kind").asText(), List.copyOf(channels),
            List.copyOf(items), grades == null ? 0 : grades.size());
    }

    /** The non-zero counts in a results document, under the model's keys. */
    Counts counts(final JsonNode results)
    {
        final Counts counts = new Counts();
        for (final String channel : channels)
        {
            counts.add("ballots/" + channel, results.get("ballots").get(channel).asLong());
        }
        for (final JsonNode item : results.get("items"))
        {
            final String prefix = "items/" + item.get("id").asInt() + "/";
            for (final String channel : channels)
            {
                switch (kind)
                {
                    case "priority" -> counts.add(prefix + "votes/" + channel, item.get("votes").get(channel).asLong());
                    case "opinion" -> CHOICES.forEach(choice ->
                        counts.add(prefix + choice + "/" + channel, item.get(choice).get(channel).asLong()));
                    default ->
                    {
                        final JsonNode profile = item.get("profile").get(channel);
                        for (int grade = 0; grade < profile.size(); grade++)
                        {
                            counts.add(prefix + grade + "/" + channel, profile.get(grade).asLong());
                        }
                    }
                }
            }
            if (item.has("arguments"))
            {
                counts.add("arguments/" + item.get("id").asInt(), item.get("arguments").asLong());
            }
        }
        return counts;
    }
}
