package org.urne.ingest.problem;

/** Carries a {@link Problem} out of a parser or check; no stack trace, since it is a client's mistake. */
public final class ProblemException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(final Problem problem)
    {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem()
    {
        return problem;
    }
}
