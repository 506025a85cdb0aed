package org.urne.tally.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import org.urne.tally.core.PollResults;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Item;

/**
 * An opinion poll's totals per subject (docs/api.md, "Results"): how many items each subject has and the opinions
 * they drew, all channels together, so a consultation's nine subjects read at a glance.
 */
final class SubjectsRenderer
{
    private SubjectsRenderer()
    {
    }

    /**
     * Writes {@code "subjects": [{"subject", "items", "for", "mixed", "against", "total"}]}, subjects in the order
     * their first item comes in the poll; nothing when no item has a subject.
     */
    static void writeSubjects(final JsonGenerator json, final PollResults results) throws IOException
    {
        final Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
        final List<Item> items = results.definition().items();
        for (int item = 0; item < items.size(); item++)
        {
            final String subject = items.get(item).subject();
            if (subject != null)
            {
                bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(item);
            }
        }
        if (bySubject.isEmpty())
        {
            return;
        }
        json.writeArrayFieldStart("subjects");
        for (final Map.Entry<String, List<Integer>> subject : bySubject.entrySet())
        {
            json.writeStartObject();
            json.writeStringField("subject", subject.getKey());
            json.writeNumberField("items", subject.getValue().size());
            long all = 0;
            for (final Choice choice : Choice.values())
            {
                long votes = 0;
                for (final int item : subject.getValue())
                {
                    votes += results.total(item, choice.ordinal());
                }
                json.writeNumberField(choice.wireName(), votes);
                all += votes;
            }
            json.writeNumberField("total", all);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
