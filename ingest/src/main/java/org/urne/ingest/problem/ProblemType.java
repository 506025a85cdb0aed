package org.urne.ingest.problem;

import java.util.List;

import org.urne.tally.domain.FieldError;

/**
 * Every problem Urne answers, one per cause: the one catalogue docs/api.md, the OpenAPI document and the pages at
 * {@code /problems/<name>} are checked against. A type's URI is relative ({@code /problems/poll-not-open}), so it
 * resolves against the deployment that answered and is served there as a short page. Names and statuses are part
 * of the API: a name is never reused for another cause.
 */
public enum ProblemType
{
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request", "The request is not valid HTTP/1.1, or its "
        + "path or headers could not be read. The server closes the connection when the framing itself is broken.",
        Retry.FIX_REQUEST),
    INVALID_JSON("invalid-json", 400, "Invalid JSON", "The body is empty, not UTF-8, or not exactly one strict JSON "
        + "document: duplicate keys, comments, trailing data, NaN, leading zeros, or nesting, strings or numbers over "
        + "the limits. detail says what and where.", Retry.FIX_REQUEST),
    INVALID_FIELDS("invalid-fields", 400, "Invalid fields", "The JSON is well formed but has fields of the wrong "
        + "type, unknown fields, or fields only the server sets (a batch that is not an array is one too); errors "
        + "lists each field with its path.", Retry.FIX_REQUEST),
    EMPTY_BATCH("empty-batch", 400, "Empty batch", "A batch (a JSON array or NDJSON) holds no ballot.",
        Retry.FIX_REQUEST),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized", "No bearer token, or a token this server does not know. The "
        + "answer carries WWW-Authenticate: Bearer.", Retry.FIX_REQUEST),
    INVALID_PREFLIGHT("invalid-preflight", 400, "Invalid CORS preflight", "OPTIONS on a public read is a CORS "
        + "preflight: it needs the Origin and Access-Control-Request-Method headers.", Retry.FIX_REQUEST),
    ORIGIN_NOT_ALLOWED("origin-not-allowed", 403, "Origin not allowed", "A page of this origin may not read this "
        + "resource from a browser (embedding.allowedOrigins), or asked for a method other than GET.",
        Retry.FIX_REQUEST),
    FORBIDDEN("forbidden", 403, "Forbidden", "The token is known, but its role may not use this route (a platform "
        + "token defining a poll, for instance).", Retry.FIX_REQUEST),
    CHANNEL_NOT_ALLOWED("channel-not-allowed", 403, "Channel not allowed", "The token may not post ballots of this "
        + "channel: a platform token posts digital ballots unless the deployment grants it more channels.",
        Retry.FIX_REQUEST),
    NOT_FOUND("not-found", 404, "Not found", "No route, page or problem type has this path.", Retry.NEVER),
    UNKNOWN_POLL("unknown-poll", 404, "Unknown poll", "No poll with this id is defined on this server.",
        Retry.NEVER),
    UNKNOWN_RECEIPT("unknown-receipt", 404, "Unknown receipt", "The receipt is not 32 lowercase hex characters, or "
        + "no ballot of this poll was given it. A receipt is findable before its ballot's 202 is sent, so this "
        + "answer does not change with time.", Retry.NEVER),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "The path exists but does not take this "
        + "HTTP method.", Retry.FIX_REQUEST),
    POLL_NOT_OPEN("poll-not-open", 409, "Poll not open", "The poll is scheduled or closed: ballots are counted only "
        + "while it is open. detail names its status. The ballot was not counted.", Retry.NEVER),
    BALLOT_ID_CONFLICT("ballot-id-conflict", 409, "ballotId already used", "This ballotId was already given to a "
        + "ballot with different content in this poll. The first ballot stands; this one was not counted.",
        Retry.NEVER),
    POLL_DEFINITION_CONFLICT("poll-definition-conflict", 409, "Poll defined differently", "A poll with this id is "
        + "already defined with a different definition; definitions are immutable.", Retry.NEVER),
    POLL_ALREADY_CLOSED("poll-already-closed", 409, "Poll already closed", "The poll is closed, and closing is "
        + "final: it cannot be opened again.", Retry.NEVER),
    POLL_SEALED("poll-sealed", 409, "Poll sealed", "The poll is sealed: its results are final, and no ballot, "
        + "tally sheet, definition, opening or closing changes it any more. Nothing was recorded.", Retry.NEVER),
    POLL_NOT_CLOSED("poll-not-closed", 409, "Poll not closed", "Only a closed poll can be sealed: close it first "
        + "(POST .../close, or wait for its closesAt). Nothing was recorded.", Retry.FIX_REQUEST),
    SEAL_OUTDATED("seal-outdated", 409, "Results changed while sealing", "A record (a late tally sheet or paper "
        + "ballot) reached the poll between the results the seal was computed from and the seal itself, so the seal "
        + "was refused: it never names other results than those it freezes. The refused seal is in the journal; "
        + "the same request again seals the results as they now stand.", Retry.SAME_REQUEST),
    SHEETS_CLOSED("sheets-closed", 409, "Sheets closed", "The poll is closed and its sheetsUntil has passed (or it "
        + "has none): no tally sheet or typed paper ballot is taken any more. detail names the time. Nothing was "
        + "recorded.", Retry.NEVER),
    RESULTS_EMBARGOED("results-embargoed", 409, "Results embargoed", "The poll's counts are not public yet: its "
        + "publication is at-close or at-seal. The results JSON shows its status and turnout meanwhile; operators "
        + "read the counts at /v1/polls/{pollId}/results/live.", Retry.NEVER),
    POLL_NOT_SEALED("poll-not-sealed", 404, "Poll not sealed", "The poll exists but is not sealed yet, so it has no "
        + "seal and no counted receipts list.", Retry.NEVER),
    STAND_NOT_ALLOWED("stand-not-allowed", 403, "Stand not allowed", "A paper token enters paper only for the "
        + "polls and stands its configuration names (security.tokens: polls, stands); this one names another. "
        + "Nothing was recorded.", Retry.FIX_REQUEST),
    BOX_ENTERED_OTHERWISE("box-entered-otherwise", 409, "Box entered the other way", "A stand's box is entered "
        + "either as typed ballots or as tally sheets, never both, so that it is not counted twice: this stand's "
        + "box was already entered the other way (enteredAs says which; detail names the sheet). Nothing was "
        + "recorded.", Retry.NEVER),
    NOT_ANNULLABLE("not-annullable", 409, "Not annullable", "Only a paper ballot typed at a stand, and not annulled "
        + "yet, can be annulled (\"cancel the last one\"); detail says which this is not. Nothing was recorded.",
        Retry.NEVER),
    UNKNOWN_SHEET("unknown-sheet", 404, "Unknown tally sheet", "No tally sheet of this poll has this id (or none "
        + "at a stand this token may read).", Retry.NEVER),
    ITEMS_FIXED("items-fixed", 409, "Items fixed", "Only an opinion poll takes items (and item status changes) "
        + "while it runs; a priority or judgment poll's items are those of its definition. Nothing was recorded.",
        Retry.NEVER),
    DUPLICATE_ITEM("duplicate-item", 409, "Duplicate item", "The subject already has an item with this title (case "
        + "and surrounding spaces aside); the item extension member names it, so a client that retries an addition "
        + "whose answer it lost finds the item it made. Nothing was recorded.", Retry.NEVER),
    PROPOSALS_CLOSED("proposals-closed", 403, "Proposals closed", "The poll takes items from operators only "
        + "(proposals: operators): a citizen's proposal, one naming a voter, is not taken. Nothing was recorded.",
        Retry.NEVER),
    INVALID_ITEM("invalid-item", 422, "Invalid item", "The item's texts break a rule (a title of 1 to 1,000 "
        + "characters, a description up to 10,000, an http or https link); errors lists each field. Nothing was "
        + "recorded.", Retry.FIX_REQUEST),
    UNKNOWN_ITEM("unknown-item", 404, "Unknown item", "The poll has no item with this id (an item id is an "
        + "integer).", Retry.NEVER),
    ITEM_NOT_PUBLISHED("item-not-published", 409, "Item not published", "The item was hidden by moderation or "
        + "withdrawn: it takes no new opinion (a withdrawal of one's opinion is still taken, and the opinions it "
        + "had still count). Nothing was recorded.", Retry.NEVER),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large", "The body is over this route's limit "
        + "(limits.ballotBytes, limits.batchBytes or limits.definitionBytes).", Retry.FIX_REQUEST),
    BATCH_TOO_LARGE("batch-too-large", 413, "Batch too large", "The batch holds more ballots than "
        + "limits.batchBallots allows (10,000 by default): split it.", Retry.FIX_REQUEST),
    RECORD_TOO_LARGE("record-too-large", 413, "Record too large", "The request fits the body limit, but its journal "
        + "record is over the journal's record limit (an eighth of journal.ringCapacity). Nothing was recorded.",
        Retry.FIX_REQUEST),
    URI_TOO_LONG("uri-too-long", 414, "URI too long", "The request line is over 8,192 bytes. The server closes the "
        + "connection.", Retry.FIX_REQUEST),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", "Content-Type is not one this "
        + "route takes (application/json; application/x-ndjson too for batches), or names a charset other than "
        + "UTF-8.", Retry.FIX_REQUEST),
    INVALID_BALLOT("invalid-ballot", 422, "Invalid ballot", "The ballot is well formed but does not fit the poll: "
        + "an unknown item, too many or too few selections, a grade out of the scale, a channel the poll does not "
        + "have, a castAt too far ahead of the server's clock, a malformed ballotId or voter. errors lists each.",
        Retry.NEVER),
    INVALID_POLL_DEFINITION("invalid-poll-definition", 422, "Invalid poll definition", "The definition is well "
        + "formed but not valid: errors lists each field at fault.", Retry.FIX_REQUEST),
    INVALID_TALLY_SHEET("invalid-tally-sheet", 422, "Invalid tally sheet", "The tally sheet is well formed but does "
        + "not fit the poll (unknown item, a channel the poll lacks, counts over the ballots); errors lists each.",
        Retry.FIX_REQUEST),
    RATE_LIMITED("rate-limited", 429, "Rate limited", "This token sent more requests than its rate allows. "
        + "Retry-After says how many seconds to wait. Nothing was recorded.", Retry.SAME_REQUEST),
    CLIENT_RATE_LIMITED("client-rate-limited", 429, "Too many reads from this client", "This client address sent "
        + "more public reads than publicReads allows (304 answers are not counted). Retry-After says how many seconds "
        + "to wait.", Retry.SAME_REQUEST),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Headers too large", "The request headers are over 16,384 bytes. "
        + "The server closes the connection.", Retry.FIX_REQUEST),
    INTERNAL_ERROR("internal-error", 500, "Internal error", "A fault in Urne itself, never a client's mistake; it is "
        + "logged. A ballot may or may not have been journaled: retrying it with the same ballotId counts it at most "
        + "once.", Retry.SAME_REQUEST),
    NOT_READY("not-ready", 503, "Not ready", "The server is replaying its journal at start, or stopping. Nothing "
        + "was acknowledged.", Retry.SAME_REQUEST),
    JOURNAL_BUSY("journal-busy", 503, "Journal busy", "Records arrive faster than the journal writes them and its "
        + "ring is full. Nothing was acknowledged.", Retry.SAME_REQUEST),
    JOURNAL_FULL("journal-full", 503, "Journal disk full", "The journal's disk has less free space than "
        + "journal.minFreeBytes; the record was refused unwritten. Nothing was acknowledged.", Retry.SAME_REQUEST),
    JOURNAL_UNAVAILABLE("journal-unavailable", 503, "Journal unavailable", "The journal is closed or has failed and "
        + "takes no record. Nothing was acknowledged.", Retry.SAME_REQUEST),
    SUBMISSION_FAILED("submission-failed", 503, "Submission failed", "The record could not be handed to the journal "
        + "for a reason the server did not name. Nothing was acknowledged.", Retry.SAME_REQUEST),
    CLUSTER_UNAVAILABLE("cluster-unavailable", 503, "Cluster unavailable", "A cluster member took the record but "
        + "no leader answered in time: an election is under way, or too few members are up to commit. The record may "
        + "still be committed; a retry with the same ballotId counts it once.", Retry.SAME_REQUEST),
    RESULTS_NOT_PUBLISHED("results-not-published", 503, "Results not published yet", "The poll was defined after "
        + "the latest results snapshot; its results appear with the next one (within tally.publishIntervalMillis).",
        Retry.SAME_REQUEST),
    // Assemblies (issue 17): a room's consent, judgment and approval rounds.
    UNKNOWN_ASSEMBLY("unknown-assembly", 404, "Unknown assembly", "No assembly with this id is defined on this "
        + "server.", Retry.NEVER),
    UNKNOWN_ROUND("unknown-round", 404, "Unknown round", "The assembly has no round with this id.", Retry.NEVER),
    INVALID_ASSEMBLY("invalid-assembly", 422, "Invalid assembly", "The assembly's definition is well formed but not "
        + "valid (a member listed twice, a role other than member or élu, a consent card that is not one of the "
        + "cards); errors lists each field at fault. Nothing was recorded.", Retry.FIX_REQUEST),
    INVALID_ROUND("invalid-round", 422, "Invalid round", "The round is well formed but not valid (no options, "
        + "choose above the number of options, a version below 1, a blank text); errors lists each field at fault. "
        + "Nothing was recorded.", Retry.FIX_REQUEST),
    INVALID_VOTE("invalid-vote", 422, "Invalid card or vote", "The card is not one of the assembly's, the grades "
        + "do not grade every option of the round on its scale, or the choices are not distinct options of the "
        + "round, at most choose of them, or it is a card in a judgment or approval round (or grades in a consent "
        + "round). errors lists each. Nothing was recorded.", Retry.FIX_REQUEST),
    NOT_A_MEMBER("not-a-member", 422, "Not a member", "The member named is not a member of the assembly. Nothing "
        + "was recorded.", Retry.FIX_REQUEST),
    MEMBER_NOT_PRESENT("member-not-present", 409, "Member not present", "The facilitator has not recorded this "
        + "member as present in the room (PUT .../presence): only present members raise cards and vote. Nothing "
        + "was recorded.", Retry.NEVER),
    ROUND_CLOSED("round-closed", 409, "Round closed", "The round is closed: its cards and votes are final. Nothing "
        + "was recorded.", Retry.NEVER),
    ROUND_STILL_OPEN("round-still-open", 409, "A round is open", "The assembly has a round open: close it before "
        + "opening another or redefining the assembly. detail names it. Nothing was recorded.", Retry.FIX_REQUEST),
    VERSION_SUPERSEDED("version-superseded", 409, "Version superseded", "The consent round is on a version of the "
        + "item older than its latest: open it on the latest version, or on a new one to record a reformulation. "
        + "Nothing was recorded.", Retry.FIX_REQUEST),
    DEVICE_REPLACED("device-replaced", 409, "Another phone took this code", "The member's device code was connected "
        + "from another phone since this one (its Urne-Phone header names an older connection): the newer phone "
        + "counts. Nothing was recorded.", Retry.NEVER),
    DEVICE_CODE_ATTEMPTS("device-code-attempts", 429, "Too many wrong device codes", "This client presented too "
        + "many device codes that are nobody's. Retry-After says how many seconds to wait before trying another.",
        Retry.SAME_REQUEST),
    NOT_OPINION_POLL("not-opinion-poll", 404, "Not an opinion poll", "Only an opinion poll's ballots carry "
        + "arguments: this poll is a priority or judgment poll, so it has no argument to list, hide or erase.",
        Retry.NEVER),
    UNKNOWN_ARGUMENT("unknown-argument", 404, "Unknown argument", "No accepted opinion of this poll carried an "
        + "argument with this id (an argument id is an integer). Nothing was recorded.", Retry.NEVER),
    ARGUMENT_HIDDEN("argument-hidden", 409, "Argument already hidden", "Moderation hid this argument already; "
        + "the first reason stands. Nothing was recorded.", Retry.NEVER),
    ARGUMENT_ERASED("argument-erased", 409, "Argument already erased", "This argument's text was erased already: "
        + "its key is destroyed and the text is gone. Nothing was recorded.", Retry.NEVER);

    /** The path under which every type is served; a type's URI is this plus its name. */
    public static final String PATH = "/problems/";

    private final String slug;
    private final int status;
    private final String title;
    private final String meaning;
    private final Retry retry;

    ProblemType(final String slug, final int status, final String title, final String meaning, final Retry retry)
    {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.meaning = meaning;
        this.retry = retry;
    }

    /** The type's name, its URI's last segment: lower case and dashes, stable. */
    public String slug()
    {
        return slug;
    }

    /** The relative URI answered in a problem's {@code type}, e.g. {@code /problems/poll-not-open}. */
    public String uri()
    {
        return PATH + slug;
    }

    public int status()
    {
        return status;
    }

    public String title()
    {
        return title;
    }

    /** What the problem means, in a sentence or three, for integrators. */
    public String meaning()
    {
        return meaning;
    }

    public Retry retry()
    {
        return retry;
    }

    /** The type named {@code slug}, or null. */
    public static ProblemType bySlug(final String slug)
    {
        for (final ProblemType type : values())
        {
            if (type.slug.equals(slug))
            {
                return type;
            }
        }
        return null;
    }

    /** A problem of this type; {@code detail} says what went wrong this time. */
    public Problem problem(final String detail)
    {
        return new Problem(this, detail, List.of(), 0);
    }

    /** A problem of this type listing the fields at fault. */
    public Problem problem(final String detail, final List<FieldError> errors)
    {
        return new Problem(this, detail, errors, 0);
    }

    /** A problem of this type with a {@code Retry-After} header. */
    public Problem retryAfter(final String detail, final int seconds)
    {
        return new Problem(this, detail, List.of(), seconds);
    }

    /** The exception carrying a problem of this type. */
    public ProblemException exception(final String detail)
    {
        return problem(detail).toException();
    }
}
