package org.urne.ingest.parse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import org.urne.ingest.problem.Problem;
import org.urne.ingest.problem.ProblemType;
import org.urne.tally.domain.FieldError;

/**
 * Typed access to the fields of one untrusted JSON object. Type mistakes, unknown fields and fields only the server
 * may set are collected as field errors; {@link #throwIfInvalid()} turns them into one 400 problem.
 */
public final class JsonFields
{
    private static final int MAX_NAME_SHOWN = 64;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonFields(final JsonNode node, final String prefix, final List<FieldError> errors)
    {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The fields of {@code node}, which must be an object; unknown and forbidden names are recorded at once. */
    static JsonFields of(final JsonNode node, final String prefix, final Set<String> allowed,
        final Map<String, String> forbidden)
    {
        if (node == null || !node.isObject())
        {
            throw Problem.badField(prefix.isEmpty() ? "$" : prefix, "must be a JSON object").toException();
        }
        final JsonFields fields = new JsonFields(node, prefix, new ArrayList<>());
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            final String why = forbidden.get(name);
            if (why != null)
            {
                fields.error(name, why);
            }
            else if (!allowed.contains(name))
            {
                fields.error(name, "unknown field");
            }
        }
        return fields;
    }

    /** The fields of an object inside this one (an array element), sharing this one's error list. */
    JsonFields child(final JsonNode child, final String name, final Set<String> allowed)
    {
        if (child == null || !child.isObject())
        {
            error(name, "must be a JSON object");
            return null;
        }
        final JsonFields fields = new JsonFields(child, path(name), errors);
        final Iterator<String> names = child.fieldNames();
        while (names.hasNext())
        {
            final String field = names.next();
            if (!allowed.contains(field))
            {
                fields.error(field, "unknown field");
            }
        }
        return fields;
    }

    boolean has(final String name)
    {
        final JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    JsonNode raw(final String name)
    {
        return node.get(name);
    }

    /** A string, or null when absent; a present non-string is an error. */
    String text(final String name, final boolean required)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                error(name, "is required");
            }
            return null;
        }
        if (!value.isTextual())
        {
            error(name, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** A 32-bit integer, or {@code fallback} when absent or wrong. */
    int integer(final String name, final boolean required, final int fallback)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                error(name, "is required");
            }
            return fallback;
        }
        return toInt(value, name, fallback);
    }

    /** A 64-bit integer, or {@code fallback} when absent or wrong. */
    long longInteger(final String name, final boolean required, final long fallback)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                error(name, "is required");
            }
            return fallback;
        }
        return toLong(value, name, fallback);
    }

    /** A boolean, or null when absent. */
    Boolean bool(final String name)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isBoolean())
        {
            error(name, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** An array, or null when absent or wrong. */
    JsonNode array(final String name, final boolean required)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            if (required)
            {
                error(name, "is required");
            }
            return null;
        }
        if (!value.isArray())
        {
            error(name, "must be an array");
            return null;
        }
        return value;
    }

    /** An array of strings; null when absent. */
    List<String> texts(final String name, final boolean required)
    {
        final JsonNode array = array(name, required);
        if (array == null)
        {
            return null;
        }
        final List<String> texts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonNode value = array.get(i);
            if (!value.isTextual())
            {
                error(name + "[" + i + "]", "must be a string");
            }
            else
            {
                texts.add(value.textValue());
            }
        }
        return texts;
    }

    int toInt(final JsonNode value, final String name, final int fallback)
    {
        return isInt(value) ? value.intValue() : notAnInt(name, fallback);
    }

    /**
     * {@link #toInt} for element {@code index} of the array {@code array}, whose name ({@code array[index]}) is made
     * for an error only: a ballot's selections are read on every request.
     */
    int toIntAt(final JsonNode value, final String array, final int index, final int fallback)
    {
        return isInt(value) ? value.intValue() : notAnInt(array + "[" + index + "]", fallback);
    }

    /** {@link #toInt} for the member {@code key} of the object {@code object}, named {@code object.key} for an error. */
    int toIntOf(final JsonNode value, final String object, final String key, final int fallback)
    {
        return isInt(value) ? value.intValue() : notAnInt(object + "." + key, fallback);
    }

    private static boolean isInt(final JsonNode value)
    {
        return value.isIntegralNumber() && value.canConvertToInt();
    }

    /** Records that {@code name} is not an int; returns {@code fallback}, the value parsing goes on with. */
    private int notAnInt(final String name, final int fallback)
    {
        error(name, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        return fallback;
    }

    long toLong(final JsonNode value, final String name, final long fallback)
    {
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            error(name, "must be a 64-bit integer");
            return fallback;
        }
        return value.longValue();
    }

    void error(final String name, final String message)
    {
        errors.add(new FieldError(path(name), message));
    }

    boolean hasErrors()
    {
        return !errors.isEmpty();
    }

    /** Throws one 400 problem listing every field error collected so far. */
    void throwIfInvalid()
    {
        if (!errors.isEmpty())
        {
            throw ProblemType.INVALID_FIELDS.problem(
                "the request has fields of the wrong type, unknown or forbidden fields", errors).toException();
        }
    }

    /**
     * Client-chosen names are shown so a problem always names something readable: long ones cut, and any name
     * that is not plain letters, digits, '_' or '-' (empty, blank, control characters) quoted and escaped as JSON.
     */
    private String path(final String name)
    {
        final String cut = name.length() > MAX_NAME_SHOWN ? name.substring(0, MAX_NAME_SHOWN) + "…" : name;
        final String shown = PLAIN_NAME.matcher(name).matches() ? cut :
            '"' + new String(JsonStringEncoder.getInstance().quoteAsString(cut)) + '"';
        return prefix.isEmpty() ? shown : prefix + "." + shown;
    }
}
