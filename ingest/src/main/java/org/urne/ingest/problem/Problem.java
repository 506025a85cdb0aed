package org.urne.ingest.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.urne.tally.domain.FieldError;

/**
 * An RFC 9457 problem: what every error answer says. Thrown as a {@link ProblemException} from parsers and checks,
 * rendered by {@link ProblemWriter}. Built from its {@link ProblemType}, which fixes its type URI, title and status.
 *
 * @param type       the cause, one of the catalogue.
 * @param detail     what went wrong this time; never echoes a voter id.
 * @param errors     the fields at fault, possibly empty.
 * @param retryAfter seconds for a {@code Retry-After} header, or 0 for none.
 * @param extensions RFC 9457 extension members (text or numbers), in the order given; empty for most problems.
 */
public record Problem(ProblemType type, String detail, List<FieldError> errors, int retryAfter,
    Map<String, Object> extensions)
{
    public Problem
    {
        errors = List.copyOf(errors);
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public Problem(final ProblemType type, final String detail, final List<FieldError> errors, final int retryAfter)
    {
        this(type, detail, errors, retryAfter, Map.of());
    }

    /** The same problem with one more extension member. */
    public Problem with(final String member, final String value)
    {
        return withMember(member, value);
    }

    /** The same problem with one more extension member, a number. */
    public Problem with(final String member, final long value)
    {
        return withMember(member, value);
    }

    private Problem withMember(final String member, final Object value)
    {
        final Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, detail, errors, retryAfter, more);
    }

    public int status()
    {
        return type.status();
    }

    public String title()
    {
        return type.title();
    }

    /** An {@link ProblemType#INVALID_FIELDS} problem naming one field. */
    public static Problem badField(final String field, final String message)
    {
        return ProblemType.INVALID_FIELDS.problem("the request is malformed", List.of(new FieldError(field, message)));
    }

    public ProblemException toException()
    {
        return new ProblemException(this);
    }
}
