package org.urne.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Random valid ballots for a poll definition as the API returns it: a voter drawn from a fixed population (so some
 * vote again), popular items favoured (so results have a shape), a share of paper. {@code simulate} lets it draw
 * the voter; the load generator ({@code org.urne.cli.bench}) names the ballot and the voter itself, since it keeps
 * a model of who voted what.
 */
public final class BallotGenerator
{
    private static final String[] CHOICES = {"for", "mixed", "against"};
    private static final String[] ARGUMENTS = {"Indispensable pour le quartier.", "Oui, mais avec les habitants.",
        "Trop coûteux.", "Plus d'ombre en été.", null, null, null};
    /** Citizens' proposals as a consultation collects them; a number makes each draw a new title. */
    private static final String[] PROPOSALS = {"Des fontaines à boire dans chaque quartier",
        "Un jardin partagé près de l'école", "Des bancs à l'ombre le long du tram",
        "Un atelier de réparation de vélos", "Des rues aux écoles fermées aux voitures à l'entrée et à la sortie"};

    private final Random random;
    private final int voters;
    private final double paperShare;
    private long nextBallot;

    /**
     * @param random     the source of every choice, seeded to repeat a run.
     * @param voters     the population {@link #ballot(JsonNode)} draws voters from.
     * @param paperShare the share of ballots on paper, for polls that have a paper channel.
     */
    public BallotGenerator(final Random random, final int voters, final double paperShare)
    {
        this.random = random;
        this.voters = voters;
        this.paperShare = paperShare;
    }

    /** A ballot with a fresh random id, from a voter drawn from the population. */
    public ObjectNode ballot(final JsonNode poll)
    {
        final String ballotId = "sim-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "-" + nextBallot++;
        return ballot(poll, ballotId, "sim-voter-" + random.nextInt(voters));
    }

    /** A ballot with the given id from the given voter; the channel and the content are drawn as usual. */
    public ObjectNode ballot(final JsonNode poll, final String ballotId, final String voter)
    {
        final ObjectNode ballot = JsonNodeFactory.instance.objectNode();
        ballot.put("ballotId", ballotId);
        ballot.put("voter", voter);
        final boolean paper = random.nextDouble() < paperShare && hasChannel(poll, "paper");
        ballot.put("channel", paper ? "paper" : "digital");
        final JsonNode stands = poll.path("stands");
        if (paper && !stands.isEmpty())
        {
            // Typed at one of the poll's stands, by the ballot's id: no draw, so the stream of draws is unchanged.
            ballot.put("stand", stands.get(Math.floorMod(ballotId.hashCode(), stands.size())).get("id").asText());
        }
        final List<Integer> items = new ArrayList<>();
        // A hidden or withdrawn item (an opinion poll's) takes no new opinion.
        poll.get("items").forEach(item ->
        {
            if (!item.has("status"))
            {
                items.add(item.get("id").asInt());
            }
        });
        switch (poll.get("kind").asText())
        {
            case "priority" ->
            {
                final int min = poll.path("minSelections").asInt(1);
                final int max = poll.path("maxSelections").asInt(items.size());
                final int count = min + random.nextInt(max - min + 1);
                final var selections = ballot.putArray("selections");
                for (final int item : favoured(items, count))
                {
                    selections.add(item);
                }
            }
            case "opinion" ->
            {
                ballot.put("item", favoured(items, 1).get(0));
                ballot.put("choice", CHOICES[Math.min(2, (int)Math.abs(random.nextGaussian() * 1.2))]);
                final String argument = ARGUMENTS[random.nextInt(ARGUMENTS.length)];
                if (argument != null)
                {
                    ballot.put("argument", argument);
                }
            }
            default ->
            {
                final int scale = poll.get("grades").size();
                final ObjectNode grades = ballot.putObject("grades");
                for (int i = 0; i < items.size(); i++)
                {
                    // Items earlier in the list lean to better grades, so the ranking is not a coin toss.
                    final double lean = 1.0 - (double)i / items.size();
                    final int grade = (int)Math.round(random.nextDouble() * (scale - 1) * 0.6 + lean * (scale - 1) * 0.4);
                    grades.put(String.valueOf(items.get(i)), Math.max(0, Math.min(scale - 1, grade)));
                }
            }
        }
        return ballot;
    }

    /**
     * A citizen's proposal for an opinion poll (docs/api.md, "Items added during the vote"): a title, the subject of
     * one of the poll's items, a short description, and the proposer drawn from the population.
     */
    public ObjectNode proposal(final JsonNode poll)
    {
        final ObjectNode proposal = JsonNodeFactory.instance.objectNode();
        proposal.put("title", PROPOSALS[random.nextInt(PROPOSALS.length)] + " (" + (1 + random.nextInt(999)) + ")");
        final JsonNode items = poll.get("items");
        final JsonNode subject = items.get(random.nextInt(items.size())).get("subject");
        if (subject != null)
        {
            proposal.put("subject", subject.asText());
        }
        proposal.put("description", "Proposition d'une habitante ou d'un habitant, reçue pendant la consultation.");
        proposal.put("voter", "sim-voter-" + random.nextInt(voters));
        return proposal;
    }

    /** {@code count} distinct items, the first ones of the definition more often (a skewed draw). */
    private List<Integer> favoured(final List<Integer> items, final int count)
    {
        final List<Integer> pool = new ArrayList<>(items);
        final List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < count)
        {
            final int index = (int)(pool.size() * Math.pow(random.nextDouble(), 1.7));
            chosen.add(pool.remove(index));
        }
        Collections.sort(chosen);
        return chosen;
    }

    private static boolean hasChannel(final JsonNode poll, final String channel)
    {
        for (final JsonNode each : poll.get("channels"))
        {
            if (each.asText().equals(channel))
            {
                return true;
            }
        }
        return false;
    }
}
