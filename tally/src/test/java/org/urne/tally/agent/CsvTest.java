package org.urne.tally.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest
{
    private static String text(final String field)
    {
        final StringBuilder line = new StringBuilder();
        Csv.appendText(line, field);
        return line.toString();
    }

    @Test
    void aFieldAFormulaCouldStartWithIsShownAsText()
    {
        assertThat(text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(text("+1")).isEqualTo("'+1");
        assertThat(text("-2+3")).isEqualTo("'-2+3");
        assertThat(text("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(text("\t=1")).isEqualTo("'\t=1");
        assertThat(text("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(text("=1,2")).isEqualTo("\"'=1,2\"");
    }

    @Test
    void otherFieldsAreLeftAsTheyAreAndQuotedOnlyWhenNeeded()
    {
        assertThat(text("Vélo")).isEqualTo("Vélo");
        assertThat(text("a=b")).isEqualTo("a=b");
        assertThat(text("Ritualiser, penser")).isEqualTo("\"Ritualiser, penser\"");
        assertThat(text("dit \"oui\"")).isEqualTo("\"dit \"\"oui\"\"\"");
        assertThat(text("")).isEmpty();
        assertThat(text(null)).isEmpty();
    }
}
