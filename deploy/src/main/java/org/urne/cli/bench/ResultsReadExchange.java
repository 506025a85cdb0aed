package org.urne.cli.bench;

import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/**
 * A results page refreshing: {@code GET /v1/polls/{id}/results} with the ETag it last saw, so an unchanged
 * snapshot costs a 304.
 */
final class ResultsReadExchange implements Exchange
{
    private final String pollId;
    private final AtomicReference<String> lastEtag;

    /** @param lastEtag the ETag readers of this poll saw last, shared by all of them. */
    ResultsReadExchange(final String pollId, final AtomicReference<String> lastEtag)
    {
        this.pollId = pollId;
        this.lastEtag = lastEtag;
    }

    @Override
    public HttpMethod method()
    {
        return HttpMethod.GET;
    }

    @Override
    public String path()
    {
        return "/v1/polls/" + pollId + "/results";
    }

    @Override
    public void headers(final HttpClientRequest request)
    {
        final String etag = lastEtag.get();
        if (etag != null)
        {
            request.putHeader("If-None-Match", etag);
        }
    }

    @Override
    public Buffer body()
    {
        return null;
    }

    @Override
    public void answered(final int status, final String etag, final Buffer body)
    {
        if (status == 200 && etag != null)
        {
            lastEtag.set(etag);
        }
    }
}
