#!/usr/bin/env python3
"""Independent recount of an Urne auditors' record (urne export --format ndjson).

Written from docs/journal-format.md (the record formats, the chain, the export, the canonical results CSV) and the
counting rules of docs/architecture.md, with the Python 3 standard library only. It decodes every record from the
exact bytes in each line's "record" field and trusts no other field of the export. It checks each record's CRC32C,
the sequence of positions, the hash chain (stored from version 2 on, derived for version 1 records) and every seal,
counts, and prints the canonical results CSV.

    python3 tools/recount/recount.py EXPORT [--poll ID]

Exit status: 0 verified and counted; 1 the export does not verify (a CRC, a position, the chain, a malformed record
or a seal), with a one-line message naming the record's position; 2 usage error, unreadable, truncated or unknown
export (a one-line message).
"""

import argparse
import base64
import binascii
import functools
import hashlib
import json
import sys
import urllib.parse

EXPORT_FORMAT = 1
CSV_FORMAT = 1
CHAIN_START = bytes(32)
# The sheetsUntil of every format version 1 poll: tally sheets at any time, typed paper ballots only while open.
SHEETS_ANY_TIME = (253_402_300_799, 999_999_000, 0)

TYPE_POLL_DEFINED = 1
TYPE_POLL_OPENED = 2
TYPE_POLL_CLOSED = 3
TYPE_BALLOT_CAST = 4
TYPE_TALLY_SHEET = 5
TYPE_POLL_SEALED = 6
TYPE_COMMITMENT = 7
TYPE_BALLOT_ANNULLED = 8
TYPE_ITEM_ADDED = 9
TYPE_ITEM_STATUS = 10
# Assembly records (a room's rounds, cards, grades, presence, device codes): chained, counted in no poll.
ASSEMBLY_TYPES = range(20, 29)
# An argument hidden, an argument's text erased (format 4): they change no count.
ARGUMENT_TYPES = (11, 12)

KINDS = ("opinion", "priority", "judgment")
REVOTES = ("replace", "first")
CHOICES = ("for", "mixed", "against")
PUBLICATIONS = ("live", "at-close", "at-seal")
PAPER_ENTRIES = ("single", "double")
PROPOSALS = ("operators", "citizens")
ITEM_STATUSES = ("published", "hidden", "withdrawn")
# What Java's String.trim() takes off both ends of a title before two titles are compared.
TRIMMED = "".join(chr(c) for c in range(33))
# An optional figure a tally sheet does not give (blank, spoiled, signatures).
NOT_GIVEN = -1
NO_ITEM = -(2 ** 31)

CONTENT_NONE = 0
CONTENT_SELECTION = 1
CONTENT_OPINION = 2
CONTENT_GRADES = 3
CONTENT_WITHDRAWAL = 4


class VerificationFailure(Exception):
    """The export does not verify: exit 1."""


class Unreadable(Exception):
    """Usage error, unreadable, truncated or unknown export: exit 2."""


class Malformed(Exception):
    """A record whose bytes do not decode."""


# ---------------------------------------------------------------------------------------------------------------
# CRC32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF.

def _crc32c_table():
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


CRC32C_TABLE = _crc32c_table()


def crc32c(chunks):
    crc = 0xFFFFFFFF
    table = CRC32C_TABLE
    for chunk in chunks:
        for byte in chunk:
            crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


# ---------------------------------------------------------------------------------------------------------------
# Record decoding (docs/journal-format.md, "Records").

class Fields:
    """Little-endian fields of a byte string, every read checked against the bytes left."""

    def __init__(self, data, start, end):
        self.data = data
        self.at = start
        self.end = end

    def take(self, count, what):
        if count < 0 or count > self.end - self.at:
            raise Malformed(f"{what} needs {count} bytes, {self.end - self.at} left")
        value = self.data[self.at:self.at + count]
        self.at += count
        return value

    def signed(self, size, what):
        return int.from_bytes(self.take(size, what), "little", signed=True)

    def i8(self, what):
        return self.signed(1, what)

    def i32(self, what):
        return self.signed(4, what)

    def i64(self, what):
        return self.signed(8, what)

    def string(self, what):
        length = self.i32(what)
        if length == -1:
            return None
        if length < 0:
            raise Malformed(f"{what} has length {length}")
        raw = self.take(length, what)
        try:
            return raw.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise Malformed(f"{what} is not UTF-8") from None

    def ints(self, what, size=4):
        count = self.i32(what)
        if count == -1:
            return None
        if count < 0 or count > (self.end - self.at) // size:
            raise Malformed(f"{what} count {count} does not fit the bytes left")
        return [self.signed(size, what) for _ in range(count)]

    def strings(self, what):
        count = self.i32(what)
        if count < 0 or count > (self.end - self.at) // 4:
            raise Malformed(f"{what} count {count} does not fit the bytes left")
        values = []
        for _ in range(count):
            value = self.string(what)
            if value is None:
                raise Malformed(f"{what} holds a null")
            values.append(value)
        return values

    def enum(self, names, what):
        ordinal = self.i8(what)
        if ordinal == -1:
            return None
        if ordinal < 0 or ordinal >= len(names):
            raise Malformed(f"{what} ordinal {ordinal} out of range")
        return names[ordinal]

    def presence(self, what):
        flag = self.i8(what)
        if flag not in (0, 1):
            raise Malformed(f"{what} presence flag is {flag}")
        return flag == 1

    def key(self, what):
        if not self.presence(what):
            return None
        hi = self.i64(what)
        lo = self.i64(what)
        return _key_hex(hi, lo)

    def time(self, what):
        """An optional time: (epoch second, nanosecond, offset seconds), or None."""
        if not self.presence(what):
            return None
        second = self.i64(what)
        nano = self.i32(what)
        offset = self.i32(what)
        if nano < 0 or nano > 999_999_999:
            raise Malformed(f"{what} has {nano} nanoseconds")
        if offset < -18 * 3600 or offset > 18 * 3600:
            raise Malformed(f"{what} has an offset of {offset} seconds")
        return (second, nano, offset)

    def digest(self, what):
        return self.take(32, what).hex()

    def finish(self):
        if self.at != self.end:
            raise Malformed(f"{self.end - self.at} bytes left over after the body")


def _key_hex(hi, lo):
    return (hi & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "big").hex() + (lo & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "big").hex()


class Record:
    """One decoded record."""

    def __init__(self, version, kind, position, time, chain, by, body):
        self.version = version
        self.type = kind
        self.position = position
        self.time = time
        self.chain = chain
        self.by = by
        self.body = body


def decode_record(data, previous_chain):
    """Checks and decodes one record; returns (record, its chain value). Raises Malformed or VerificationFailure."""
    if len(data) < 28:
        raise Malformed(f"record of {len(data)} bytes is shorter than its header")
    version = int.from_bytes(data[0:2], "little")
    kind = int.from_bytes(data[2:4], "little")
    position = int.from_bytes(data[4:12], "little", signed=True)
    time = int.from_bytes(data[12:20], "little", signed=True)
    body_length = int.from_bytes(data[20:24], "little", signed=True)
    stored_crc = int.from_bytes(data[24:28], "little")
    # Every version's CRC32C covers bytes 0-23 and 28 to the end: checked first, so damage anywhere reads as damage.
    if crc32c((data[0:24], data[28:])) != stored_crc:
        raise VerificationFailure("CRC32C mismatch")
    if version == 1:
        body_start = 28
        if body_length != len(data) - 28:
            raise Malformed(f"header says {body_length} body bytes, the record holds {len(data) - 28}")
    elif version in (2, 3, 4):
        if len(data) < 64:
            raise Malformed(f"version {version} record of {len(data)} bytes is shorter than its header")
        body_start = 64
        side_length = int.from_bytes(data[60:64], "little", signed=True)
        if body_length < 0 or side_length < 0 or body_length + side_length != len(data) - 64:
            raise Malformed(f"header says {body_length} body and {side_length} side bytes, "
                            f"the record holds {len(data) - 64}")
    else:
        raise Unreadable(f"format version {version}, which this recount does not know")
    body_end = body_start + body_length
    chain = hashlib.sha256(previous_chain + data[0:24] + data[body_start:body_end]).digest()
    if version >= 2 and data[28:60] != chain:
        raise VerificationFailure("the chain does not verify: stored " + data[28:60].hex()
                                  + ", computed " + chain.hex())
    fields = Fields(data, body_start, body_end)
    by = fields.string("by") if version >= 2 else None
    body = decode_body(fields, version, kind)
    fields.finish()
    if kind == TYPE_TALLY_SHEET:
        body["by"] = by
    if version >= 2:
        read_side(body["content"] if kind == TYPE_BALLOT_CAST else None, data[body_end:])
    return Record(version, kind, position, time, chain, by, body), chain


def read_side(content, side):
    """An opinion ballot's argument text (format 2 on) or ciphertext (format 4, encrypted) is the side section; its
    SHA-256 is in the body. A ciphertext is checked and skipped: the recount counts from the body's facts."""
    digest = content["argumentSha256"] if content and content["kind"] == "opinion" else None
    if digest is None:
        if side:
            raise Malformed(f"{len(side)} side bytes on a record that has no argument digest")
        return
    if hashlib.sha256(side).hexdigest() != digest:
        raise VerificationFailure("the argument text does not match the SHA-256 its record chains")
    if content["encrypted"] is not None:
        return
    try:
        content["argument"] = side.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Malformed("the argument text is not UTF-8") from None



def decode_body(fields, version, kind):
    if kind == TYPE_POLL_DEFINED:
        return decode_definition(fields, version)
    if kind in (TYPE_POLL_OPENED, TYPE_POLL_CLOSED, TYPE_COMMITMENT) and (kind != TYPE_COMMITMENT or version >= 2):
        return {"poll": fields.string("poll")}
    if kind == TYPE_BALLOT_CAST:
        return decode_ballot(fields, version)
    if kind == TYPE_TALLY_SHEET:
        return decode_sheet(fields, version)
    if kind == TYPE_BALLOT_ANNULLED and version >= 3:
        return {"poll": fields.string("poll"), "receipt": fields.key("receipt")}
    if kind == TYPE_ITEM_ADDED and version >= 4:
        return {"poll": fields.string("poll"), "title": fields.string("title"), "group": fields.string("group"),
                "subject": fields.string("subject"), "description": fields.string("description"),
                "link": fields.string("link"), "proposer": fields.key("proposer")}
    if kind == TYPE_ITEM_STATUS and version >= 4:
        return {"poll": fields.string("poll"), "item": fields.i32("item"),
                "status": fields.enum(ITEM_STATUSES, "status"), "reason": fields.string("reason")}
    if kind == TYPE_POLL_SEALED and version >= 2:
        return {"poll": fields.string("poll"), "resultsSha256": fields.digest("resultsSha256"),
                "receiptsSha256": fields.digest("receiptsSha256"), "format": fields.i32("format"),
                "reason": fields.string("reason")}
    if kind in ARGUMENT_TYPES and version >= 4:
        # Moderation and erasure of arguments change no count: the body is chained, not read.
        fields.at = fields.end
        return {"argumentRecord": True}
    if kind in ASSEMBLY_TYPES and version >= 3:
        # An assembly's record (a room's rounds and cards) counts in no poll: its body is chained, not read.
        fields.at = fields.end
        return {"assembly": True}
    raise Malformed(f"unknown record type {kind} in format version {version}")


def decode_definition(fields, version):
    definition = {
        "id": fields.string("id"),
        "title": fields.string("title"),
        "kind": fields.enum(KINDS, "kind"),
        "channels": fields.strings("channels"),
        "opensAt": fields.time("opensAt"),
        "closesAt": fields.time("closesAt"),
        "revote": fields.enum(REVOTES, "revote"),
        "minSelections": fields.i32("minSelections"),
        "maxSelections": fields.i32("maxSelections"),
    }
    count = fields.i32("items")
    if count < 0 or count > (fields.end - fields.at) // 16:
        raise Malformed(f"items count {count} does not fit the bytes left")
    items = []
    for _ in range(count):
        item = (fields.i32("item id"), fields.string("item title"), fields.string("item group"),
                fields.string("item subject"))
        # Version 4 adds each item's description and link.
        texts = (fields.string("item description"), fields.string("item link")) if version >= 4 else (None, None)
        items.append(item + texts)
    definition["items"] = items
    definition["grades"] = fields.strings("grades")
    definition["missingGrade"] = fields.i32("missingGrade")
    definition["maxArgumentLength"] = fields.i32("maxArgumentLength")
    if version >= 2:
        definition["sheetsUntil"] = fields.time("sheetsUntil")
        definition["publication"] = fields.enum(PUBLICATIONS, "publication")
        definition["commitEvery"] = fields.i32("commitEvery")
    if version >= 3:
        count = fields.i32("stands")
        if count < 0 or count > (fields.end - fields.at) // 12:
            raise Malformed(f"stands count {count} does not fit the bytes left")
        definition["stands"] = [(fields.string("stand id"), fields.string("stand name"),
                                 fields.string("stand neighbourhood")) for _ in range(count)]
        definition["paperEntry"] = fields.enum(PAPER_ENTRIES, "paperEntry")
        definition["orderSeedSha256"] = fields.string("orderSeedSha256")
        definition["proposals"] = fields.enum(PROPOSALS, "proposals") if version >= 4 else "operators"
    else:
        definition["proposals"] = "operators"
        definition["stands"] = []
        definition["paperEntry"] = "single"
        definition["orderSeedSha256"] = None
    if version < 2:
        definition["sheetsUntil"] = SHEETS_ANY_TIME
        definition["publication"] = "live"
        definition["commitEvery"] = 60
    return definition


def decode_ballot(fields, version):
    ballot = {"poll": fields.string("poll")}
    if version == 1:
        ballot["ballotId"] = fields.string("ballotId")
        ballot["voter"] = fields.key("voter")
        ballot["receipt"] = fields.key("receipt")
    else:
        ballot["receipt"] = fields.key("ballotKey")
        ballot["voter"] = fields.key("voter")
    ballot["channel"] = fields.string("channel")
    ballot["castAt"] = fields.i64("castAt")
    ballot["stand"] = fields.string("stand") if version >= 3 else None
    tag = fields.i8("content tag")
    if tag == CONTENT_NONE:
        content = None
    elif tag == CONTENT_SELECTION:
        content = {"kind": "selection", "items": fields.ints("selections")}
    elif tag == CONTENT_OPINION:
        content = {"kind": "opinion", "item": fields.i32("item"), "choice": fields.enum(CHOICES, "choice")}
        content["encrypted"] = None
        if version == 1:
            content["argument"] = fields.string("argument")
            content["argumentSha256"] = None
        elif version < 4:
            content["argument"] = None
            content["argumentSha256"] = fields.digest("argument digest") if fields.presence("argument") else None
        else:
            decode_argument_v4(fields, content)
    elif tag == CONTENT_GRADES:
        content = {"kind": "grades", "items": fields.ints("graded items"), "grades": fields.ints("grades")}
    elif tag == CONTENT_WITHDRAWAL:
        content = {"kind": "withdrawal", "item": fields.i32("withdrawn item")}
    else:
        raise Malformed(f"unknown ballot content tag {tag}")
    ballot["content"] = content
    return ballot


def decode_argument_v4(fields, content):
    """Format 4: a form, 0 none, 1 the text in clear (a cluster's log), 2 encrypted (a single server's journal)."""
    form = fields.i8("argument form")
    content["argument"] = None
    content["argumentSha256"] = None
    if form == 0:
        return
    if form not in (1, 2):
        raise Malformed(f"argument form {form} is not 0, 1 or 2")
    if form == 2:
        length = fields.i32("argument length")
        if length < 0:
            raise Malformed(f"argument length {length}")
        # Only what counting needs: the length and whether the text is blank; the text is not the recount's.
        content["encrypted"] = {"length": length, "blank": fields.presence("blank")}
    if fields.presence("argument tag"):
        fields.take(16, "argument tag")
    content["argumentSha256"] = fields.digest("argument digest")


def decode_sheet(fields, version):
    sheet = {
        "poll": fields.string("poll"),
        "sheetId": fields.string("sheetId"),
        "stand": fields.string("stand"),
        "channel": fields.string("channel"),
        "ballots": fields.i64("ballots"),
        "items": fields.ints("sheet items"),
    }
    rows = fields.i32("count rows")
    if rows == -1:
        sheet["counts"] = None
    elif rows < 0 or rows > (fields.end - fields.at) // 4:
        raise Malformed(f"count rows {rows} does not fit the bytes left")
    else:
        sheet["counts"] = [fields.ints("counts", 8) for _ in range(rows)]
    for figure in ("blank", "spoiled", "signatures"):
        sheet[figure] = fields.i64(figure) if version >= 3 else NOT_GIVEN
    return sheet


# ---------------------------------------------------------------------------------------------------------------
# Text rules the core applies as Java does: lengths in UTF-16 code units, blank as Character.isWhitespace.

JAVA_WHITESPACE = set("\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                      "\u2008\u2009\u200a\u2028\u2029\u205f\u3000")


def utf16_length(text):
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def is_blank(text):
    return all(c in JAVA_WHITESPACE for c in text)


def is_valid_id(text):
    return text is not None and 1 <= len(text) <= 64 and all(
        "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9" or c in "_-" for c in text)


def micros(time):
    """A definition time in microseconds since the epoch (nanoseconds truncated), or None."""
    if time is None:
        return None
    second, nano, _ = time
    return second * 1_000_000 + nano // 1000


# ---------------------------------------------------------------------------------------------------------------
# Counting (docs/architecture.md, "Counting rules").

def definition_is_valid(d):
    if not is_valid_id(d["id"]) or not _text_ok(d["title"], 1000):
        return False
    if d["kind"] is None or d["revote"] is None:
        return False
    channels = d["channels"]
    if not 1 <= len(channels) <= 16 or len(set(channels)) != len(channels):
        return False
    if any(not is_valid_id(c) or len(c) > 32 for c in channels):
        return False
    if d["opensAt"] is not None and d["closesAt"] is not None and not _before(d["opensAt"], d["closesAt"]):
        return False
    if d["sheetsUntil"] is not None and d["closesAt"] is not None and _before(d["sheetsUntil"], d["closesAt"]):
        return False
    if d["publication"] is None or not 1 <= d["commitEvery"] <= 86_400:
        return False
    items = d["items"]
    if not 1 <= len(items) <= 10_000 or len({i[0] for i in items}) != len(items):
        return False
    if not _stands_ok(d["stands"]) or d["paperEntry"] is None:
        return False
    if d["proposals"] is None or d["proposals"] == "citizens" and d["kind"] != "opinion":
        return False
    seed = d["orderSeedSha256"]
    if seed is not None and (len(seed) != 64 or any(c not in "0123456789abcdef" for c in seed)):
        return False
    for item_id, title, group, subject, description, link in items:
        if item_id < 0 or not item_texts_ok(title, group, subject, description, link):
            return False
    return _kind_rules_ok(d)


def _stands_ok(stands):
    if len(stands) > 1000 or any(not is_valid_id(i) for i, _, _ in stands) or \
            len({i for i, _, _ in stands}) != len(stands):
        return False
    return all(_text_ok(name, 200) and (area is None or utf16_length(area) <= 200) for _, name, area in stands)


def _kind_rules_ok(d):
    kind = d["kind"]
    if kind == "priority":
        if d["minSelections"] < 1 or d["maxSelections"] < d["minSelections"] or d["maxSelections"] > len(d["items"]):
            return False
    elif d["minSelections"] != 0 or d["maxSelections"] != 0:
        return False
    if kind == "judgment":
        grades = d["grades"]
        if not 2 <= len(grades) <= 64 or any(not _text_ok(g, 200) for g in grades):
            return False
        if not 0 <= d["missingGrade"] < len(grades):
            return False
    elif d["grades"] or d["missingGrade"] != 0:
        return False
    if kind == "opinion":
        return 0 <= d["maxArgumentLength"] <= 100_000
    return d["maxArgumentLength"] == 0


def item_texts_ok(title, group, subject, description, link):
    """An item's texts as the server takes them, defined or added while the poll runs."""
    if not _text_ok(title, 1000):
        return False
    if any(text is not None and utf16_length(text) > 1000 for text in (group, subject)):
        return False
    return (description is None or _text_ok(description, 10_000)) and _link_ok(link)


def title_key(title):
    """Two titles in a subject are the same proposal when equal but for case and what trim() takes off."""
    return title.strip(TRIMMED).lower()


def _link_ok(link):
    """An absolute http(s) address with a host, as the server takes (a hand-made journal may differ in edge cases of
    URI syntax, which only it could hold: the server refuses such a definition before journaling it)."""
    if link is None:
        return True
    if utf16_length(link) > 2000:
        return False
    parsed = urllib.parse.urlsplit(link)
    return parsed.scheme.lower() in ("http", "https") and bool(parsed.hostname) and not any(c.isspace() for c in link)


def _text_ok(text, longest):
    return text is not None and not is_blank(text) and utf16_length(text) <= longest


def _before(a, b):
    return (a[0], a[1]) < (b[0], b[1])


class Poll:
    """One poll's counts and what keeps them exact under revotes, retries and corrections."""

    def __init__(self, definition):
        # A copy: items added while the poll runs go on its list, never on the decoded record's.
        self.definition = dict(definition, items=list(definition["items"]))
        self.kind = definition["kind"]
        self.channels = definition["channels"]
        self.item_ids = [item[0] for item in definition["items"]]
        self.item_index = {item_id: index for index, item_id in enumerate(self.item_ids)}
        self.cells = {"priority": 1, "opinion": 3, "judgment": len(definition["grades"])}[self.kind]
        self.opens_at = micros(definition["opensAt"])
        self.closes_at = micros(definition["closesAt"])
        self.sheets_until = micros(definition["sheetsUntil"])
        # counts[item][cell][channel]
        self.counts = [[[0] * len(self.channels) for _ in range(self.cells)] for _ in self.item_ids]
        self.arguments = [0] * len(self.item_ids)
        # Items of an opinion poll hidden by moderation or withdrawn (absent: published), by item id.
        self.moderated = {}
        self.receipts = set()
        self.units = {}
        self.sheets = {}
        # The paper channel: each stand's way of entry ("typed" or "sheets"), each typed ballot (its unit, the vote
        # it replaced, whether annulled) and each sheet's entries since its last agreement (double entry).
        self.stand_modes = {stand_id: None for stand_id, _, _ in definition["stands"]}
        self.typed = {}
        self.ledgers = {}
        self.opened = False
        self.closed = False
        self.seal = None
        # Digests of the counts as they stood at some point since the poll closed, and the change they were taken at.
        self.since_close = set()
        self.changes = 0
        self.remembered = -1

    def status(self, time):
        if self.closed or self.closes_at is not None and time > self.closes_at:
            return "closed"
        if self.opened or self.opens_at is not None and time >= self.opens_at:
            return "open"
        return "scheduled"

    def takes_sheets(self, time):
        """Before the close always; after it up to sheetsUntil inclusive, never when there is none."""
        return self.status(time) != "closed" or self.sheets_until is not None and time <= self.sheets_until

    def takes_ballot(self, channel, time):
        """While open; a paper ballot (typed from a stand's box) also after the close up to sheetsUntil inclusive,
        except in a poll of format version 1, which took none after the close."""
        status = self.status(time)
        return status == "open" or status == "closed" and channel == "paper" and self.sheets_until is not None \
            and self.sheets_until != micros(SHEETS_ANY_TIME) and time <= self.sheets_until

    def ballot(self, time, ballot):
        content = ballot["content"]
        if ballot["voter"] is None or ballot["receipt"] is None or content is None or \
                content["kind"] == "selection" and content["items"] is None or \
                content["kind"] == "grades" and (content["items"] is None or content["grades"] is None):
            return
        if ballot["receipt"] in self.receipts:
            return
        self.receipts.add(ballot["receipt"])
        vote = self.vote(ballot)
        if not self.takes_ballot(ballot["channel"], time) or vote is None:
            return
        if self.kind == "opinion" and not vote["withdrawal"] and self.item_ids[vote["unit"]] in self.moderated:
            return  # a hidden or withdrawn item takes no new opinion
        unit = (ballot["voter"], vote["unit"])
        current = self.units.get(unit)
        stand = ballot["stand"]
        if stand is not None:
            if not self.typed_ballot_fits(ballot, stand):
                return
            self.typed[ballot["receipt"]] = {"unit": unit, "replaced": current, "annulled": False}
        if self.definition["revote"] == "first":
            if current is not None or vote["withdrawal"]:
                if stand is not None and (current is not None or not vote["withdrawal"]):
                    del self.typed[ballot["receipt"]]  # refused: nothing of it to annul
                elif stand is not None:
                    self.stand_modes[stand] = "typed"
                return
        elif current is not None:
            if ballot["castAt"] < current["castAt"]:
                if stand is not None:
                    self.stand_modes[stand] = "typed"  # stale, but typed at this stand
                return
            self.count(current, -1)
        if stand is not None:
            self.stand_modes[stand] = "typed"
        vote["castAt"] = ballot["castAt"]
        vote["receipt"] = ballot["receipt"]
        self.units[unit] = vote
        self.count(vote, +1)

    def add_item(self, time, added):
        """An item added while an opinion poll runs, numbered the poll's highest id plus one; refused as the core
        refuses it (another kind of poll, closed, a citizen's proposal to a poll of operators' items, texts that break
        a rule, 10,000 items already, or a title the subject already has)."""
        if self.kind != "opinion" or self.status(time) == "closed":
            return
        if added["proposer"] is not None and self.definition["proposals"] != "citizens":
            return
        next_id = max(self.item_ids) + 1
        if not item_texts_ok(added["title"], added["group"], added["subject"], added["description"], added["link"]) \
                or next_id > 2 ** 31 - 1 or len(self.item_ids) >= 10_000:
            return
        wanted = title_key(added["title"])
        if any(item[3] == added["subject"] and title_key(item[1]) == wanted for item in self.definition["items"]):
            return
        self.definition["items"].append((next_id, added["title"], added["group"], added["subject"],
                                         added["description"], added["link"]))
        self.item_index[next_id] = len(self.item_ids)
        self.item_ids.append(next_id)
        self.counts.append([[0] * len(self.channels) for _ in range(self.cells)])
        self.arguments.append(0)
        self.changes += 1

    def set_item_status(self, changed):
        """An opinion poll's item hidden, withdrawn or published again (the same status again changes nothing)."""
        reason = changed["reason"]
        if self.kind != "opinion" or changed["item"] not in self.item_index or changed["status"] is None or \
                reason is not None and utf16_length(reason) > 1000:
            return
        if changed["status"] == "published":
            self.moderated.pop(changed["item"], None)
        else:
            self.moderated[changed["item"]] = changed["status"]
        self.changes += 1

    def typed_ballot_fits(self, ballot, stand):
        """A typed ballot names a known stand (any, when the poll declares none), is of the paper channel, carries a
        castAt within the poll's window, and its stand's box was not entered as sheets."""
        if stand not in self.stand_modes:
            if self.definition["stands"]:
                return False
            self.stand_modes[stand] = None
        if ballot["channel"] != "paper":
            return False
        if self.opens_at is not None and ballot["castAt"] < self.opens_at or \
                self.closes_at is not None and ballot["castAt"] > self.closes_at:
            return False
        return self.stand_modes[stand] != "sheets"

    def annul(self, time, receipt):
        """A typed ballot annulled: it stops counting and the vote it replaced counts again (or none)."""
        typed = self.typed.get(receipt)
        if receipt not in self.receipts or typed is None or typed["annulled"] or not self.takes_ballot("paper", time):
            return
        typed["annulled"] = True
        current = self.units.get(typed["unit"])
        if current is not None and current["receipt"] == receipt:
            self.count(current, -1)
            if typed["replaced"] is None:
                del self.units[typed["unit"]]
            else:
                self.units[typed["unit"]] = typed["replaced"]
                self.count(typed["replaced"], +1)
            return
        # Already replaced (or stale): a later typed ballot that replaced it now restores what it replaced.
        for later in self.typed.values():
            if later["replaced"] is not None and later["replaced"]["receipt"] == receipt:
                later["replaced"] = typed["replaced"]

    def vote(self, ballot):
        """What a ballot adds to the counts, or None when it does not fit the definition."""
        content = ballot["content"]
        if ballot["channel"] not in self.channels:
            return None
        vote = {"channel": self.channels.index(ballot["channel"]), "withdrawal": False, "unit": None, "cells": []}
        if self.kind == "opinion":
            if content["kind"] not in ("opinion", "withdrawal") or content["item"] not in self.item_index:
                return None
            item = self.item_index[content["item"]]
            vote["unit"] = item
            if content["kind"] == "withdrawal":
                vote["withdrawal"] = True
                return vote
            argument = content["argument"]
            encrypted = content.get("encrypted")
            length = encrypted["length"] if encrypted else utf16_length(argument) if argument is not None else 0
            if content["choice"] is None or length > self.definition["maxArgumentLength"]:
                return None
            vote["cells"] = [(item, CHOICES.index(content["choice"]))]
            vote["argued"] = not encrypted["blank"] if encrypted else argument is not None and not is_blank(argument)
            return vote
        if content["kind"] == "withdrawal":
            vote["withdrawal"] = True
            return vote if content["item"] == NO_ITEM else None
        if self.kind == "priority" and content["kind"] == "selection":
            items = content["items"]
            if not self.definition["minSelections"] <= len(items) <= self.definition["maxSelections"]:
                return None
            if any(i not in self.item_index for i in items) or len(set(items)) != len(items):
                return None
            vote["cells"] = [(self.item_index[i], 0) for i in items]
            return vote
        if self.kind == "judgment" and content["kind"] == "grades":
            items, grades = content["items"], content["grades"]
            if not items or len(items) != len(grades) or len(set(items)) != len(items):
                return None
            if any(i not in self.item_index for i in items) or any(not 0 <= g < self.cells for g in grades):
                return None
            given = {self.item_index[i]: g for i, g in zip(items, grades)}
            vote["cells"] = [(index, given.get(index, self.definition["missingGrade"]))
                             for index in range(len(self.item_ids))]
            return vote
        return None

    def count(self, vote, sign):
        if vote["withdrawal"]:
            return
        self.changes += 1
        channel = vote["channel"]
        for item, cell in vote["cells"]:
            self.counts[item][cell][channel] += sign
        if vote.get("argued"):
            self.arguments[vote["cells"][0][0]] += sign

    def sheet(self, time, sheet):
        if not self.takes_sheets(time):
            return
        contribution = self.sheet_contribution(sheet)
        if contribution is None:
            return
        stand = sheet["stand"]
        if stand not in self.stand_modes:
            if self.definition["stands"]:
                return
            self.stand_modes[stand] = None
        if self.stand_modes[stand] == "typed":
            return
        self.stand_modes[stand] = "sheets"
        agreed = self.enter(sheet)
        if agreed is None:
            return
        contribution = self.sheet_contribution(agreed)
        previous = self.sheets.get(sheet["sheetId"])
        if previous is not None:
            self.add_sheet(previous, -1)
        self.sheets[sheet["sheetId"]] = contribution
        self.add_sheet(contribution, +1)

    def enter(self, sheet):
        """Single entry: the sheet counts. Double entry: it counts once another token's latest entry since the last
        agreement gives the same figures; returns the sheet that counts from now on, or None when that did not
        change."""
        ledger = self.ledgers.setdefault(sheet["sheetId"], {"pending": {}, "counted": None})
        if self.definition["paperEntry"] == "single":
            ledger["counted"] = sheet
            return sheet
        by = "null" if sheet["by"] is None else sheet["by"]
        pending = ledger["pending"]
        pending.pop(by, None)
        if any(same_figures(other, sheet) for other in pending.values()):
            pending.clear()
            ledger["counted"] = sheet
            return sheet
        if not pending and ledger["counted"] is not None and same_figures(ledger["counted"], sheet):
            return None
        pending[by] = sheet
        return None

    def sheet_contribution(self, sheet):
        """The counts a sheet adds, as {(item, cell): count} with its channel, or None when it is invalid."""
        stand = sheet["stand"]
        if not is_valid_id(sheet["sheetId"]) or stand is None or is_blank(stand) or utf16_length(stand) > 500:
            return None
        if sheet["channel"] not in self.channels or sheet["ballots"] < 0:
            return None
        items, counts = sheet["items"], sheet["counts"]
        if items is None or counts is None or len(items) != len(counts) or len(set(items)) != len(items):
            return None
        cells = {}
        for item, row in zip(items, counts):
            if item not in self.item_index or row is None or len(row) != self.cells:
                return None
            if any(c < 0 for c in row) or sum(row) > sheet["ballots"]:
                return None
            for cell, count in enumerate(row):
                cells[(self.item_index[item], cell)] = count
        declared = [stand_id for stand_id, _, _ in self.definition["stands"]]
        if declared and stand not in declared:
            return None
        if any(sheet[figure] < 0 and sheet[figure] != NOT_GIVEN for figure in ("blank", "spoiled", "signatures")):
            return None
        if self.kind == "priority" and 0 <= sheet["ballots"] <= 2 ** 31 - 1 and \
                sum(sum(row) for row in counts) > sheet["ballots"] * self.definition["maxSelections"]:
            return None
        if self.kind == "judgment":
            for index in range(len(self.item_ids)):
                marks = sum(cells.get((index, grade), 0) for grade in range(self.cells))
                key = (index, self.definition["missingGrade"])
                cells[key] = cells.get(key, 0) + sheet["ballots"] - marks
        return self.channels.index(sheet["channel"]), cells

    def add_sheet(self, contribution, sign):
        channel, cells = contribution
        self.changes += 1
        for (item, cell), count in cells.items():
            self.counts[item][cell][channel] += sign * count

    def counted_receipts(self):
        """The receipts list: the current ballot's receipt of every unit whose current ballot is not a withdrawal."""
        receipts = sorted(vote["receipt"] for vote in self.units.values() if not vote["withdrawal"])
        return "".join(receipt + "\n" for receipt in receipts).encode("ascii")


def same_figures(a, b):
    """Two entries of a sheet give the same figures: stand, channel, ballots, blank, spoiled, signatures and every
    item's counts, whatever the order of their items; an item one entry leaves out counts as zeros."""
    if any(a[field] != b[field] for field in ("stand", "channel", "ballots", "blank", "spoiled", "signatures")):
        return False
    rows_a = dict(zip(a["items"], map(tuple, a["counts"])))
    rows_b = dict(zip(b["items"], map(tuple, b["counts"])))
    return all(rows_a.get(item, tuple(0 for _ in row)) == rows_b.get(item, tuple(0 for _ in row))
               for item, row in list(rows_a.items()) + list(rows_b.items()))


# ---------------------------------------------------------------------------------------------------------------
# Ranking and the canonical results CSV, version 1 (docs/journal-format.md, "Canonical results CSV").

def priority_order(poll):
    totals = [sum(cells[0]) for cells in poll.counts]
    order = sorted(range(len(totals)), key=lambda i: (-totals[i], poll.item_ids[i]))
    return order, competition_ranks(order, lambda a, b: totals[a] == totals[b])


def competition_ranks(order, equal):
    ranks = {}
    for k, item in enumerate(order):
        ranks[item] = ranks[order[k - 1]] if k > 0 and equal(item, order[k - 1]) else k + 1
    return ranks


def grade_at(profile, index):
    seen = 0
    for grade, count in enumerate(profile):
        seen += count
        if index < seen:
            return grade
    raise ValueError("index beyond the profile")


def majority_grade(profile):
    n = sum(profile)
    return None if n == 0 else grade_at(profile, (n - 1) // 2)


def step_of(index, m, n):
    """The step of repeated median removal at which sorted index `index` is removed.

    Sorting a profile's n grades ascending as a[0..n-1] with m = (n - 1) // 2, the medians removed one after the other
    are a[m], then alternately one further down and one further up: down first when n is odd (m, m-1, m+1, m-2, ...),
    up first when n is even (m, m+1, m-1, m+2, ...).
    """
    if index == m:
        return 0
    distance = abs(index - m)
    down_first = n % 2 == 1
    if index < m:
        return 2 * distance - 1 if down_first else 2 * distance
    return 2 * distance if down_first else 2 * distance - 1


def run_start(profile, grade):
    return sum(profile[:grade])


def compare_profiles(a, b):
    """Positive when profile a ranks above b by majority judgment, 0 when their median sequences are equal.

    The first step at which the two median sequences differ is the first sorted index, in removal order, where the
    two sorted profiles hold different grades: the greatest such index at or below m, or the least above it,
    whichever is removed first. Both are found by jumping over runs of equal grades, so counts in the billions cost
    no more than small ones.
    """
    n = sum(a)
    if n == 0:
        return 0
    m = (n - 1) // 2
    below = None
    i = m
    while i >= 0:
        grade_a, grade_b = grade_at(a, i), grade_at(b, i)
        if grade_a != grade_b:
            below = i
            break
        i = max(run_start(a, grade_a), run_start(b, grade_b)) - 1
    above = None
    i = m + 1
    while i < n:
        grade_a, grade_b = grade_at(a, i), grade_at(b, i)
        if grade_a != grade_b:
            above = i
            break
        i = min(run_start(a, grade_a) + a[grade_a], run_start(b, grade_b) + b[grade_b])
    candidates = [index for index in (below, above) if index is not None]
    if not candidates:
        return 0
    first = min(candidates, key=lambda index: step_of(index, m, n))
    return (grade_at(a, first) > grade_at(b, first)) - (grade_at(a, first) < grade_at(b, first))


def judgment_order(poll):
    """Items best first by majority judgment, equal profiles by item id; their ranks; their majority grades."""
    profiles = [[sum(channels) for channels in cells] for cells in poll.counts]
    ids = poll.item_ids

    def listing_order(a, b):
        """Negative when item a is listed before item b."""
        by_profile = compare_profiles(profiles[b], profiles[a])
        return by_profile if by_profile != 0 else (ids[a] > ids[b]) - (ids[a] < ids[b])

    order = sorted(range(len(ids)), key=functools.cmp_to_key(listing_order))
    ranks = competition_ranks(order, lambda x, y: compare_profiles(profiles[x], profiles[y]) == 0)
    return order, ranks, [majority_grade(p) for p in profiles]


def csv_text(field):
    """A text field: a leading = + - @ tab or CR gets a ', then quotes where a comma, quote or line break needs."""
    if field is None:
        return ""
    if field and field[0] in "=+-@\t\r":
        field = "'" + field
    if any(c in field for c in ',"\n\r'):
        return '"' + field.replace('"', '""') + '"'
    return field


def channel_columns(prefix, channels):
    return "".join("," + csv_text(prefix + channel) for channel in channels) + "," + csv_text(prefix + "total")


def channel_values(per_channel):
    return "".join("," + str(count) for count in per_channel) + "," + str(sum(per_channel))


def results_csv(poll):
    """The canonical results CSV, version 1, of one poll, as bytes."""
    channels = poll.channels
    # A hidden item keeps its row and counts, not its title.
    titles = ["" if poll.moderated.get(item[0]) == "hidden" else item[1] for item in poll.definition["items"]]
    lines = []
    if poll.kind == "priority":
        order, ranks = priority_order(poll)
        lines.append("rank,id,title" + channel_columns("", channels))
        for item in order:
            lines.append(f"{ranks[item]},{poll.item_ids[item]}," + csv_text(titles[item])
                         + channel_values(poll.counts[item][0]))
    elif poll.kind == "opinion":
        lines.append("id,title" + "".join(channel_columns(choice + "_", channels) for choice in CHOICES)
                     + channel_columns("all_", channels) + ",arguments")
        for item in range(len(poll.item_ids)):
            cells = poll.counts[item]
            all_choices = [sum(cell[channel] for cell in cells) for channel in range(len(channels))]
            lines.append(f"{poll.item_ids[item]}," + csv_text(titles[item])
                         + "".join(channel_values(cell) for cell in cells) + channel_values(all_choices)
                         + f",{poll.arguments[item]}")
    else:
        grades = poll.definition["grades"]
        order, ranks, majority = judgment_order(poll)
        lines.append("rank,id,title,majority_grade" + "".join(channel_columns(g + " ", channels) for g in grades))
        for item in order:
            label = "" if majority[item] is None else csv_text(grades[majority[item]])
            lines.append(f"{ranks[item]},{poll.item_ids[item]}," + csv_text(titles[item]) + "," + label
                         + "".join(channel_values(cell) for cell in poll.counts[item]))
    return "".join(line + "\n" for line in lines).encode("utf-8")


# ---------------------------------------------------------------------------------------------------------------
# The journal, record by record.

class Recount:
    """Applies records in journal order to the polls they concern."""

    def __init__(self):
        self.polls = {}
        self.order = []

    def apply(self, record):
        body = record.body
        if record.type == TYPE_POLL_DEFINED:
            self.define(body)
            return
        if record.type in ASSEMBLY_TYPES or record.type in ARGUMENT_TYPES:
            return
        poll = self.polls.get(body["poll"])
        if poll is None:
            return
        if record.type == TYPE_POLL_SEALED:
            self.seal(poll, record)
            return
        if poll.seal is not None or record.type == TYPE_COMMITMENT:
            return
        if record.type == TYPE_POLL_OPENED:
            if poll.status(record.time) != "closed":
                poll.opened = True
        elif record.type == TYPE_POLL_CLOSED:
            self.remember(poll)
            poll.closed = True
        elif record.type == TYPE_BALLOT_CAST:
            self.remember_if_closed(poll, record.time)
            poll.ballot(record.time, body)
        elif record.type == TYPE_TALLY_SHEET:
            self.remember_if_closed(poll, record.time)
            poll.sheet(record.time, body)
        elif record.type == TYPE_BALLOT_ANNULLED:
            self.remember_if_closed(poll, record.time)
            poll.annul(record.time, body["receipt"])
        elif record.type == TYPE_ITEM_ADDED:
            poll.add_item(record.time, body)
        elif record.type == TYPE_ITEM_STATUS:
            # A hidden item's title leaves the results CSV, even after the close.
            self.remember_if_closed(poll, record.time)
            poll.set_item_status(body)

    def define(self, definition):
        existing = self.polls.get(definition["id"])
        if existing is None and definition_is_valid(definition):
            poll = Poll(definition)
            self.polls[definition["id"]] = poll
            self.order.append(poll)

    def remember_if_closed(self, poll, time):
        if poll.status(time) == "closed":
            self.remember(poll)

    @staticmethod
    def remember(poll):
        """Keeps the digests of the poll's counts as they stand once it is closed: what a seal may have read."""
        if poll.remembered != poll.changes:
            poll.since_close.add(digests(poll))
            poll.remembered = poll.changes

    def seal(self, poll, record):
        body = record.body
        if poll.seal is not None or body["format"] != CSV_FORMAT or poll.status(record.time) != "closed":
            return
        claimed = (body["resultsSha256"], body["receiptsSha256"])
        current = digests(poll)
        if claimed == current:
            poll.seal = record.position
        elif claimed not in poll.since_close:
            raise VerificationFailure(
                f"the seal of poll {poll.definition['id']} does not verify: resultsSha256 {claimed[0]} and "
                f"receiptsSha256 {claimed[1]}, counted {current[0]} and {current[1]}")


def digests(poll):
    return hashlib.sha256(results_csv(poll)).hexdigest(), hashlib.sha256(poll.counted_receipts()).hexdigest()


def read_export(path):
    """Yields (line number, record bytes) from the export, then (line number, the end line's object)."""
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise Unreadable(f"cannot read {path}: {error.strerror}") from None
    with handle:
        header = _line_json(handle.readline(), 1)
        if not isinstance(header, dict) or header.get("exportFormat") != EXPORT_FORMAT:
            raise Unreadable(f"{path} is not an Urne auditors' record of export format {EXPORT_FORMAT} "
                             f"(its first line has no \"exportFormat\": {EXPORT_FORMAT})")
        number = 1
        records = 0
        for raw in handle:
            number += 1
            line = _line_json(raw, number)
            if not isinstance(line, dict):
                raise Unreadable(f"line {number} is not a JSON object")
            if "end" in line:
                end = line["end"]
                if not isinstance(end, dict) or end.get("records") != records or handle.readline():
                    raise Unreadable(f"line {number}: the end line does not close the export after {records} "
                                     f"records")
                yield number, end
                return
            encoded = line.get("record")
            if not isinstance(encoded, str):
                raise Unreadable(f"line {number} has no \"record\" field")
            try:
                data = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                raise VerificationFailure(f"record at position {records} (line {number}): \"record\" is not "
                                          f"standard base64") from None
            yield number, data
            records += 1
    raise Unreadable(f"{path} is truncated: it ends after {records} records without its end line")


def _line_json(raw, number):
    if not raw.endswith(b"\n"):
        raise Unreadable(f"line {number} is cut short: the export is truncated")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Unreadable(f"line {number} is not JSON: the export is truncated or damaged") from None


def recount(path):
    tally = Recount()
    chain = CHAIN_START
    position = 0
    for number, data in read_export(path):
        if isinstance(data, dict):
            if data.get("chainHead") != chain.hex():
                raise VerificationFailure(f"the end line (line {number}) gives the chain head "
                                          f"{data.get('chainHead')}, the records chain to {chain.hex()}")
            break
        try:
            record, chain = decode_record(data, chain)
            if record.position != position:
                raise VerificationFailure(f"position {record.position} where {position} was expected")
            tally.apply(record)
        except VerificationFailure as failure:
            raise VerificationFailure(f"record at position {position} (line {number}): {failure}") from None
        except Malformed as error:
            raise VerificationFailure(f"record at position {position} (line {number}) does not decode: "
                                      f"{error}") from None
        except Unreadable as error:
            raise Unreadable(f"record at position {position} (line {number}): {error}") from None
        position += 1
    return tally, chain, position


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes in one line, like every other message."""

    def error(self, message):
        raise Unreadable(f"{message} (usage: recount.py EXPORT [--poll ID])")


def main(argv):
    parser = OneLineParser(
        prog="recount.py", description="Verify an Urne auditors' record and print the canonical results CSV.")
    parser.add_argument("export", metavar="EXPORT", help="the file urne export --format ndjson wrote")
    parser.add_argument("--poll", metavar="ID", help="print this poll's results CSV only (default: every poll)")
    try:
        args = parser.parse_args(argv)
        tally, chain, count = recount(args.export)
        if args.poll is not None:
            poll = tally.polls.get(args.poll)
            if poll is None:
                raise Unreadable(f"no poll {args.poll} is defined in the export")
            sys.stdout.buffer.write(results_csv(poll))
        else:
            sections = [f"# poll {poll.definition['id']}\n".encode("utf-8") + results_csv(poll) for poll in tally.order]
            sys.stdout.buffer.write(b"\n".join(sections))
        sys.stdout.buffer.flush()
        print(f"recount: {count} records verified, chain head {chain.hex()}", file=sys.stderr)
        return 0
    except VerificationFailure as failure:
        print(f"recount: FAILED: {failure}", file=sys.stderr)
        return 1
    except Unreadable as error:
        print(f"recount: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
