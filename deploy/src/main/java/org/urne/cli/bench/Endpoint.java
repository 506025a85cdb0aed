package org.urne.cli.bench;

import java.net.URI;
import java.util.List;

import org.urne.cli.harness.PollShape;

/**
 * A server under load: Urne (checked against the model) or the raw ceiling (answers only).
 *
 * @param name  how the report calls it.
 * @param url   its base URL.
 * @param token the bearer token the ballots carry.
 * @param polls the polls ballots go to.
 */
record Endpoint(String name, URI url, String token, List<PollShape> polls)
{
}
