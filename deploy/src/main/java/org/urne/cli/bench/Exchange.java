package org.urne.cli.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/** One request the sender makes and what to do with its answer; the answer arrives on an event loop. */
interface Exchange
{
    HttpMethod method();

    String path();

    /** Adds the request's headers; called on the event loop just before sending. */
    void headers(HttpClientRequest request);

    /** The body, or null for none. */
    Buffer body();

    /**
     * The answer: its status (0 when none came: refused, reset or timed out), its ETag and its body (null
     * without an answer).
     */
    void answered(int status, String etag, Buffer body);
}
