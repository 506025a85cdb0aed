package org.urne.cli;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader, as a spreadsheet importing a CSV splits it: rows of cells, quotes removed and undoubled. */
final class CsvCells
{
    private CsvCells()
    {
    }

    static List<List<String>> parse(final String csv)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++)
        {
            final char c = csv.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.append(c);
                }
            }
            else if (c == '"' && cell.length() == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.add(cell.toString());
                cell.setLength(0);
            }
            else if (c == '\n')
            {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            }
            else
            {
                cell.append(c);
            }
        }
        if (quoted)
        {
            throw new AssertionError("a quoted field is never closed");
        }
        if (cell.length() > 0 || !row.isEmpty())
        {
            throw new AssertionError("the last row has no line break");
        }
        return rows;
    }
}
