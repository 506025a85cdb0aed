package org.urne.ingest.http;

import java.util.List;
import java.util.Set;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Who a request comes from, for the per-client limit of public reads: the socket's peer, unless that peer is one of
 * the configured trusted proxies; then the last address of {@code X-Forwarded-For} that is not a trusted proxy
 * (each proxy appends the address it saw, so the entries left of the last untrusted one are whatever the client
 * wrote and prove nothing). A client can thus never choose its own bucket by sending the header.
 */
final class ClientAddress
{
    /** Longer "addresses" are cut: a bucket's key stays small whatever a proxy forwards. */
    private static final int MAX_LENGTH = 64;

    private final Set<String> trustedProxies;

    ClientAddress(final List<String> trustedProxies)
    {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(final HttpServerRequest request)
    {
        final SocketAddress remote = request.remoteAddress();
        final String peer = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
        if (!trustedProxies.contains(peer))
        {
            return peer;
        }
        final List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        String client = peer;
        for (int header = forwarded.size() - 1; header >= 0; header--)
        {
            final String[] hops = forwarded.get(header).split(",");
            for (int hop = hops.length - 1; hop >= 0; hop--)
            {
                final String address = hops[hop].trim();
                if (address.isEmpty())
                {
                    continue;
                }
                client = address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
                if (!trustedProxies.contains(client))
                {
                    return client;
                }
            }
        }
        return client;
    }
}
