package org.urne.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Deterministic ballots for the demo polls, so the results page shows (and its screenshots capture) numbers of a
 * believable shape: uneven priorities, opinions that differ per proposal, grades spread around each item's mean.
 */
final class ResultsPageData
{
    static final List<String> STANDS = List.of("Marché Saint-Joseph", "Place de Jaude", "La Gauthière",
        "Croix-de-Neyrat", "Saint-Jacques");
    private static final String[] CHOICES = {"for", "mixed", "against"};

    private ResultsPageData()
    {
    }

    /** Digital priority ballots: each voter picks 1 to 5 of items 1..itemCount, favouring some items. */
    static JsonArray priorityBallots(final int voters, final int itemCount, final long seed)
    {
        final Random random = new Random(seed);
        final double[] weights = weights(itemCount, random);
        final JsonArray ballots = new JsonArray();
        for (int voter = 0; voter < voters; voter++)
        {
            final JsonArray selections = new JsonArray();
            for (final int item : pick(weights, 1 + random.nextInt(5), random))
            {
                selections.add(item);
            }
            ballots.add(new JsonObject().put("ballotId", "d-" + seed + "-" + voter).put("voter", "v-" + voter)
                .put("channel", "digital").put("selections", selections));
        }
        return ballots;
    }

    /** One stand's paper tally sheet for a priority poll: the votes its {@code ballots} ballots gave each item. */
    static JsonObject prioritySheet(final String stand, final int ballots, final int itemCount, final long seed)
    {
        final Random random = new Random(seed);
        final double[] weights = weights(itemCount, new Random(seed / 7));
        final long[] counts = new long[itemCount + 1];
        for (int ballot = 0; ballot < ballots; ballot++)
        {
            for (final int item : pick(weights, 1 + random.nextInt(5), random))
            {
                counts[item]++;
            }
        }
        final JsonObject perItem = new JsonObject();
        for (int item = 1; item <= itemCount; item++)
        {
            if (counts[item] > 0)
            {
                perItem.put(Integer.toString(item), counts[item]);
            }
        }
        return new JsonObject().put("stand", stand).put("channel", "paper").put("ballots", ballots)
            .put("counts", perItem);
    }

    /** Opinion ballots: each voter gives an opinion on a few proposals, sometimes with an argument. */
    static JsonArray opinionBallots(final int voters, final int itemCount, final long seed)
    {
        final Random random = new Random(seed);
        final double[] favour = new double[itemCount + 1];
        for (int item = 1; item <= itemCount; item++)
        {
            favour[item] = 0.25 + 0.65 * random.nextDouble();
        }
        final double[] weights = weights(itemCount, random);
        final JsonArray ballots = new JsonArray();
        int ballot = 0;
        for (int voter = 0; voter < voters; voter++)
        {
            for (final int item : pick(weights, 1 + random.nextInt(6), random))
            {
                final double draw = random.nextDouble();
                final String choice = draw < favour[item] ? "for" :
                    draw < favour[item] + (1 - favour[item]) * 0.45 ? "mixed" : "against";
                final JsonObject json = new JsonObject().put("ballotId", "o-" + seed + "-" + ballot++)
                    .put("voter", "v-" + voter).put("item", item).put("choice", choice);
                if (random.nextInt(10) == 0)
                {
                    json.put("argument", "Argument " + ballot + " : " + CHOICES[random.nextInt(3)]);
                }
                ballots.add(json);
            }
        }
        return ballots;
    }

    /** One stand's paper tally sheet for an opinion poll: for / mixed / against counts on a few proposals. */
    static JsonObject opinionSheet(final String stand, final int itemCount, final long seed)
    {
        final Random random = new Random(seed);
        final JsonObject counts = new JsonObject();
        long ballots = 0;
        for (int item = 1; item <= itemCount; item++)
        {
            final long pour = random.nextInt(12);
            final long mixed = random.nextInt(5);
            final long against = random.nextInt(4);
            counts.put(Integer.toString(item), new JsonObject().put("for", pour).put("mixed", mixed)
                .put("against", against));
            ballots += pour + mixed + against;
        }
        return new JsonObject().put("stand", stand).put("channel", "paper").put("ballots", ballots)
            .put("counts", counts);
    }

    /** One stand's paper tally sheet for a judgment poll: per item, the count of each grade, worst first. */
    static JsonObject judgmentSheet(final String stand, final int ballots, final int itemCount, final int grades,
        final long seed)
    {
        final JsonArray perVoter = judgmentBallots(ballots, itemCount, grades, seed);
        final JsonObject counts = new JsonObject();
        for (int item = 1; item <= itemCount; item++)
        {
            final long[] perGrade = new long[grades];
            for (final Object ballot : perVoter)
            {
                perGrade[((JsonObject)ballot).getJsonObject("grades").getInteger(Integer.toString(item))]++;
            }
            final JsonArray array = new JsonArray();
            for (final long count : perGrade)
            {
                array.add(count);
            }
            counts.put(Integer.toString(item), array);
        }
        return new JsonObject().put("stand", stand).put("channel", "paper").put("ballots", ballots)
            .put("counts", counts);
    }

    /** Judgment ballots: every voter grades every item around that item's own mean grade. */
    static JsonArray judgmentBallots(final int voters, final int itemCount, final int grades, final long seed)
    {
        final Random random = new Random(seed);
        final double[] mean = new double[itemCount + 1];
        for (int item = 1; item <= itemCount; item++)
        {
            mean[item] = 1.2 + random.nextDouble() * (grades - 2.6);
        }
        final JsonArray ballots = new JsonArray();
        for (int voter = 0; voter < voters; voter++)
        {
            final JsonObject given = new JsonObject();
            for (int item = 1; item <= itemCount; item++)
            {
                final long grade = Math.round(mean[item] + random.nextGaussian() * 1.4);
                given.put(Integer.toString(item), Math.max(0, Math.min(grades - 1, grade)));
            }
            ballots.add(new JsonObject().put("ballotId", "j-" + seed + "-" + voter).put("voter", "v-" + voter)
                .put("grades", given));
        }
        return ballots;
    }

    private static double[] weights(final int itemCount, final Random random)
    {
        final double[] weights = new double[itemCount + 1];
        for (int item = 1; item <= itemCount; item++)
        {
            weights[item] = Math.exp(random.nextGaussian() * 0.7);
        }
        return weights;
    }

    /** {@code count} distinct items drawn with probabilities proportional to their weights. */
    private static List<Integer> pick(final double[] weights, final int count, final Random random)
    {
        final List<Integer> picked = new ArrayList<>();
        while (picked.size() < count)
        {
            double total = 0;
            for (int item = 1; item < weights.length; item++)
            {
                total += picked.contains(item) ? 0 : weights[item];
            }
            double draw = random.nextDouble() * total;
            for (int item = 1; item < weights.length; item++)
            {
                if (picked.contains(item))
                {
                    continue;
                }
                draw -= weights[item];
                if (draw <= 0 || item == weights.length - 1)
                {
                    picked.add(item);
                    break;
                }
            }
        }
        return picked;
    }
}
