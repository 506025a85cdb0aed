package org.urne.tally.domain;

/**
 * One thing wrong with an input, and where: {@code field} is a JSON-path-like pointer such as {@code selections[2]}.
 */
public record FieldError(String field, String message)
{
}
