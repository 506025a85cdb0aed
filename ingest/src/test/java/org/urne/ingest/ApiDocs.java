package org.urne.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's docs/ as tests read them: a file's text, and its fenced code blocks with the HTML comment that
 * annotates each ({@code <!-- schema: Ballot -->}, {@code <!-- run: python -->}), so that what the documents show
 * is what the tests check.
 */
final class ApiDocs
{
    private static final Pattern BLOCK = Pattern.compile(
        "(?:<!--\\s*(?<note>[^>]*?)\\s*-->\\s*\\n)?```(?<lang>[a-z0-9]*)\\n(?<code>.*?)\\n```", Pattern.DOTALL);

    private ApiDocs()
    {
    }

    /** docs/ of the repository (the tests run in a module's directory, one level down). */
    static Path file(final String name)
    {
        final Path path = Path.of("..", "docs", name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path))
        {
            throw new AssertionError("docs/" + name + " is missing (looked for " + path + ")");
        }
        return path;
    }

    static String read(final String name)
    {
        try
        {
            return Files.readString(file(name));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced block of a document, in order. */
    static List<Block> blocks(final String name)
    {
        final List<Block> blocks = new ArrayList<>();
        final String text = read(name);
        final Matcher matcher = BLOCK.matcher(text);
        while (matcher.find())
        {
            final int line = (int)text.substring(0, matcher.start("lang")).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Block(name + ":" + line, matcher.group("lang"), matcher.group("note"),
                matcher.group("code")));
        }
        return blocks;
    }

    /**
     * One fenced block.
     *
     * @param where    the document and the line of its opening fence.
     * @param language the fence's language ({@code json}, {@code sh}, ...), possibly empty.
     * @param note     the annotating comment right above, or null.
     * @param code     the block's text.
     */
    record Block(String where, String language, String note, String code)
    {
    }
}
