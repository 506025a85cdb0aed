package org.urne.ingest.problem;

import java.util.List;

import org.urne.tally.domain.FieldError;

/**
 * An RFC 9457 problem: what every error answer says. Thrown as a {@link ProblemException} from parsers and checks,
 * rendered by {@link ProblemWriter}.
 *
 * @param status     the HTTP status.
 * @param title      a short summary that depends only on the kind of problem.
 * @param detail     what went wrong this time; never echoes a voter id.
 * @param errors     the fields at fault, possibly empty.
 * @param retryAfter seconds for a {@code Retry-After} header, or 0 for none.
 */
public record Problem(int status, String title, String detail, List<FieldError> errors, int retryAfter)
{
    public Problem
    {
        errors = List.copyOf(errors);
    }

    /** The problem type URI: one per status, documented in API.md's error table. */
    public String type()
    {
        return "https://urne.org/problems/" + status;
    }

    public static Problem of(final int status, final String detail)
    {
        return new Problem(status, titleOf(status), detail, List.of(), 0);
    }

    public static Problem of(final int status, final String detail, final List<FieldError> errors)
    {
        return new Problem(status, titleOf(status), detail, errors, 0);
    }

    public static Problem retryLater(final int status, final String detail, final int retryAfterSeconds)
    {
        return new Problem(status, titleOf(status), detail, List.of(), retryAfterSeconds);
    }

    public static Problem badField(final String field, final String message)
    {
        return of(400, "the request is malformed", List.of(new FieldError(field, message)));
    }

    public ProblemException toException()
    {
        return new ProblemException(this);
    }

    private static String titleOf(final int status)
    {
        return switch (status)
        {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }
}
