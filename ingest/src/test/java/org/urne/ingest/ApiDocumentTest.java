package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.urne.ingest.problem.ProblemType;

/** docs/api.md against the code it documents: the problem types' table is the catalogue, row for row. */
class ApiDocumentTest
{
    private static final Pattern PROBLEM_ROW = Pattern.compile("^\\| `(/problems/[a-z-]+)` \\| (\\d{3}) \\|",
        Pattern.MULTILINE);

    @Test
    void theProblemTableIsTheCatalogue()
    {
        final String text = ApiDocs.read("api.md");
        final int table = text.indexOf("<!-- problem-types");
        assertThat(table).as("docs/api.md marks its problem types' table").isPositive();
        final Map<String, Integer> documented = new LinkedHashMap<>();
        final Matcher row = PROBLEM_ROW.matcher(text.substring(table));
        while (row.find())
        {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        final Map<String, Integer> catalogue = new LinkedHashMap<>();
        for (final ProblemType type : ProblemType.values())
        {
            catalogue.put(type.uri(), type.status());
        }
        assertThat(documented).containsExactlyEntriesOf(catalogue);
    }
}
