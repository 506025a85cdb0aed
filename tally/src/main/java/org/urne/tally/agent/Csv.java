package org.urne.tally.agent;

/**
 * RFC 4180 text fields, for the results CSV and the CLI's exports, made safe to open in a spreadsheet. Numbers are
 * appended as they are by the callers (a count, a rank, a position is never a text field); every text field goes
 * through {@link #appendText}.
 */
public final class Csv
{
    private Csv()
    {
    }

    /**
     * Appends a text field; null is an empty field. A field a spreadsheet would read as a formula (OWASP's CSV
     * injection rule: it begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a
     * leading {@code '}, which spreadsheets show as text and do not display; the field is then quoted only where it
     * needs to be (a comma, a double quote, a line break), its double quotes doubled.
     */
    public static void appendText(final StringBuilder line, final String field)
    {
        if (field == null)
        {
            return;
        }
        final String text = startsLikeAFormula(field) ? "'" + field : field;
        final boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 ||
            text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!needsQuotes)
        {
            line.append(text);
            return;
        }
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    /** True when a spreadsheet would evaluate a cell holding {@code field} (OWASP's list of leading characters). */
    static boolean startsLikeAFormula(final String field)
    {
        if (field.isEmpty())
        {
            return false;
        }
        final char first = field.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
