package org.urne.cli.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's ballots say what their bodies vote: the cells, unit, channel, argument and withdrawal the model
 * counts are read back from each body; a seed repeats the stream; the shares hold.
 */
class BallotPlannerTest
{
    private static final Path DEMO_POLLS = Path.of("src/dist/config/demo-polls");

    @Test
    void eachPlannedBallotCountsWhatItsBodyVotes() throws IOException
    {
        final List<PollShape> polls = PollShape.fromDirectory(DEMO_POLLS);
        assertThat(polls).extracting(PollShape::kind).containsExactlyInAnyOrder("priority", "opinion", "judgment");
        final List<PlannedBallot> plan = new BallotPlanner(polls, 12, "p", 50, 0.5, 0, 0.3, 0.1).next(2_000);
        int withdrawals = 0;
        int paper = 0;
        for (final PlannedBallot ballot : plan)
        {
            final JsonNode body = UrneClient.JSON.readTree(ballot.body());
            final PollShape poll = ballot.poll();
            assertThat(body.get("ballotId").asText()).isEqualTo(ballot.ballotId());
            assertThat(body.get("channel").asText()).isEqualTo(poll.channels().get(ballot.channel()));
            assertThat(body.path("withdraw").asBoolean()).isEqualTo(ballot.withdrawal());
            final String voter = body.get("voter").asText();
            assertThat(ballot.unit()).isEqualTo(poll.countsPerItem() ?
                voter + "/" + poll.itemIndex().get(body.get("item").asInt()) : voter);
            assertThat(cells(poll, body)).as(body.toString()).containsExactly(ballot.cells());
            final boolean argued = body.hasNonNull("argument") && !body.get("argument").asText().isBlank();
            assertThat(ballot.argueItem()).isEqualTo(argued ? poll.itemIndex().get(body.get("item").asInt()) : -1);
            withdrawals += ballot.withdrawal() ? 1 : 0;
            paper += ballot.paper() ? 1 : 0;
        }
        assertThat(withdrawals).as("about a tenth withdraw").isBetween(150, 250);
        assertThat(paper).as("an exact share on paper").isEqualTo(600);
    }

    @Test
    void aSeedRepeatsTheStreamAndRetriesRepeatTheBallot() throws IOException
    {
        final List<PollShape> polls = PollShape.fromDirectory(DEMO_POLLS);
        final List<PlannedBallot> first = new BallotPlanner(polls, 7, "r", 30, 0.3, 0.2, 0.3, 0.05).next(300);
        final List<PlannedBallot> again = new BallotPlanner(polls, 7, "r", 30, 0.3, 0.2, 0.3, 0.05).next(300);
        assertThat(again).extracting(PlannedBallot::ballotId)
            .containsExactlyElementsOf(first.stream().map(PlannedBallot::ballotId).toList());
        for (int i = 0; i < first.size(); i++)
        {
            assertThat(withoutCastAt(again.get(i))).isEqualTo(withoutCastAt(first.get(i)));
            if (i > 0 && first.get(i).ballotId().equals(first.get(i - 1).ballotId()))
            {
                assertThat(first.get(i)).as("a retry is the same planned ballot, right behind it")
                    .isSameAs(first.get(i - 1));
            }
        }
        assertThat(first.size() - first.stream().map(PlannedBallot::ballotId).distinct().count())
            .as("about a fifth sent twice").isBetween(30L, 90L);
    }

    /** The cells a body votes in, in the order the planner lists them. */
    private static int[] cells(final PollShape poll, final JsonNode body)
    {
        if (body.path("withdraw").asBoolean())
        {
            return new int[0];
        }
        return switch (poll.kind())
        {
            case "priority" ->
            {
                final int[] cells = new int[body.get("selections").size()];
                for (int i = 0; i < cells.length; i++)
                {
                    cells[i] = poll.cell(poll.itemIndex().get(body.get("selections").get(i).asInt()), 0);
                }
                yield cells;
            }
            case "opinion" -> new int[] {poll.cell(poll.itemIndex().get(body.get("item").asInt()),
                PollShape.CHOICES.indexOf(body.get("choice").asText()))};
            default ->
            {
                final List<Integer> cells = new ArrayList<>();
                body.get("grades").properties().forEach(grade -> cells.add(poll.cell(
                    poll.itemIndex().get(Integer.parseInt(grade.getKey())), grade.getValue().asInt())));
                yield cells.stream().mapToInt(Integer::intValue).toArray();
            }
        };
    }

    /** The body without its castAt, which is the clock's. */
    private static JsonNode withoutCastAt(final PlannedBallot ballot) throws IOException
    {
        final ObjectNode body = (ObjectNode)UrneClient.JSON.readTree(ballot.body());
        body.remove("castAt");
        return body;
    }
}
