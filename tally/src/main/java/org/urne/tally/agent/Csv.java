package org.urne.tally.agent;

/** RFC 4180 fields, for the results CSV and the CLI's exports. */
public final class Csv
{
    private Csv()
    {
    }

    /** Appends a field, quoted only where it needs to be; null is an empty field. */
    public static void appendField(final StringBuilder line, final String field)
    {
        if (field == null)
        {
            return;
        }
        final boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 ||
            field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
        if (!needsQuotes)
        {
            line.append(field);
            return;
        }
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
    }
}
