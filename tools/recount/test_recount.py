"""Unit tests of recount.py's parts that Urne's own results cannot reach alone: the CRC32C check value, majority
judgment against the definition (repeated median removal, done naively), and the seal rule's three cases.

    python3 -m unittest discover -s tools/recount -p 'test_*.py'
"""

import hashlib
import random
import unittest

import recount


def naive_median_sequence(profile):
    grades = sorted(grade for grade, count in enumerate(profile) for _ in range(count))
    sequence = []
    while grades:
        sequence.append(grades.pop((len(grades) - 1) // 2))
    return sequence


def naive_compare(a, b):
    sa, sb = naive_median_sequence(a), naive_median_sequence(b)
    return (sa > sb) - (sa < sb)


def definition(kind="priority"):
    return {"id": "p", "title": "P", "kind": kind, "channels": ["paper", "digital"], "opensAt": None,
            "closesAt": None, "revote": "replace", "minSelections": 1, "maxSelections": 2,
            "items": [(1, "One", None, None, None, None), (2, "Two", None, None, None, None)], "grades": [],
            "missingGrade": 0,
            "maxArgumentLength": 0, "sheetsUntil": recount.SHEETS_ANY_TIME, "publication": "live",
            "commitEvery": 60, "stands": [], "paperEntry": "single", "orderSeedSha256": None,
            "proposals": "operators"}


def seal_record(position, digests):
    body = {"poll": "p", "resultsSha256": digests[0], "receiptsSha256": digests[1], "format": 1, "reason": None}
    return recount.Record(2, recount.TYPE_POLL_SEALED, position, 0, None, "operator", body)


def sheet(sheet_id, counts, by="operator"):
    return {"poll": "p", "sheetId": sheet_id, "stand": "Marché", "channel": "paper", "ballots": 10,
            "items": [1, 2], "counts": [[counts[0]], [counts[1]]], "blank": recount.NOT_GIVEN,
            "spoiled": recount.NOT_GIVEN, "signatures": recount.NOT_GIVEN, "by": by}


def ballot(receipt, voter, items, cast_at, channel="digital", stand=None):
    return {"poll": "p", "voter": voter, "receipt": receipt, "channel": channel, "castAt": cast_at,
            "content": {"kind": "selection", "items": items}, "stand": stand}


class Crc32cTest(unittest.TestCase):
    def test_check_value(self):
        self.assertEqual(recount.crc32c([b"123456789"]), 0xE3069283)
        self.assertEqual(recount.crc32c([b"1234", b"56789"]), 0xE3069283)


class MajorityJudgmentTest(unittest.TestCase):
    def test_compare_is_repeated_median_removal(self):
        rng = random.Random(13)
        for _ in range(3000):
            grades = rng.randint(2, 5)
            n = rng.randint(0, 12)
            a = self.profile(rng, grades, n)
            b = self.profile(rng, grades, n)
            self.assertEqual(recount.compare_profiles(a, b), naive_compare(a, b), (a, b))

    def test_counts_in_the_billions_compare_as_small_ones(self):
        scale = 1_000_000_007
        self.assertEqual(recount.compare_profiles([3 * scale, 2 * scale, 4 * scale],
                                                  [3 * scale, 3 * scale, 3 * scale]), 1)
        self.assertEqual(recount.compare_profiles([scale, scale, scale], [scale, scale, scale]), 0)

    def test_majority_grade_is_the_lower_median(self):
        self.assertEqual(recount.majority_grade([1, 1, 1, 1]), 1)
        self.assertEqual(recount.majority_grade([0, 0, 0]), None)

    @staticmethod
    def profile(rng, grades, n):
        profile = [0] * grades
        for _ in range(n):
            profile[rng.randrange(grades)] += 1
        return profile


class DefinitionTest(unittest.TestCase):
    def test_an_item_link_must_be_an_http_address_and_a_description_not_blank(self):
        for link, valid in (("https://example.org/a", True), ("HTTP://example.org", True), (None, True),
                            ("javascript:alert(1)", False), ("/a", False), ("https://", False),
                            ("https://example.org/" + "a" * 2000, False), ("http://exa mple.org", False)):
            d = definition()
            d["items"] = [(1, "One", None, None, None, link), (2, "Two", None, None, None, None)]
            self.assertEqual(recount.definition_is_valid(d), valid, link)
        d = definition()
        d["items"] = [(1, "One", None, None, " ", None), (2, "Two", None, None, "x" * 10_001, None)]
        self.assertFalse(recount.definition_is_valid(d))


class SealTest(unittest.TestCase):
    def setUp(self):
        self.tally = recount.Recount()
        self.tally.define(definition())
        self.poll = self.tally.polls["p"]
        self.poll.closed = True
        self.tally.remember(self.poll)
        self.poll.sheet(0, sheet("s1", (4, 7)))

    def test_a_seal_of_the_counts_seals_the_poll(self):
        self.tally.seal(self.poll, seal_record(9, recount.digests(self.poll)))
        self.assertEqual(self.poll.seal, 9)
        self.tally.apply(recount.Record(2, recount.TYPE_TALLY_SHEET, 10, 0, None, None, sheet("s2", (1, 1))))
        self.assertEqual(self.poll.counts[0][0][0], 4, "nothing changes a sealed poll")

    def test_a_seal_of_earlier_counts_since_the_close_is_refused(self):
        before = recount.digests(self.poll)
        self.tally.remember(self.poll)
        self.poll.sheet(0, sheet("s1", (5, 7)))
        self.tally.seal(self.poll, seal_record(9, before))
        self.assertIsNone(self.poll.seal)

    def test_a_seal_of_counts_never_held_does_not_verify(self):
        wrong = (hashlib.sha256(b"other").hexdigest(), recount.digests(self.poll)[1])
        with self.assertRaises(recount.VerificationFailure):
            self.tally.seal(self.poll, seal_record(9, wrong))

    def test_the_receipts_list_is_sorted_hex_lines_of_counted_ballots(self):
        poll = recount.Poll(definition())
        poll.opened = True
        for receipt, voter, content in (("bb" * 16, "01" * 16, {"kind": "selection", "items": [1]}),
                                        ("aa" * 16, "02" * 16, {"kind": "selection", "items": [2]}),
                                        ("cc" * 16, "03" * 16, {"kind": "withdrawal", "item": recount.NO_ITEM})):
            poll.ballot(0, {"poll": "p", "voter": voter, "receipt": receipt, "channel": "digital", "castAt": 0,
                            "content": content, "stand": None})
        self.assertEqual(poll.counted_receipts(), ("aa" * 16 + "\n" + "bb" * 16 + "\n").encode("ascii"))


class PaperTest(unittest.TestCase):
    def setUp(self):
        self.poll = recount.Poll(dict(definition(), paperEntry="double"))
        self.poll.opened = True

    def test_a_sheet_counts_once_two_tokens_enter_the_same_figures(self):
        self.poll.sheet(0, sheet("s1", (4, 7), by="a"))
        self.assertEqual(self.poll.counts[0][0][0], 0, "awaiting a second entry")
        self.poll.sheet(0, sheet("s1", (4, 8), by="b"))
        self.assertEqual(self.poll.counts[0][0][0], 0, "in dispute")
        self.poll.sheet(0, sheet("s1", (4, 8), by="a"))
        self.assertEqual((self.poll.counts[0][0][0], self.poll.counts[1][0][0]), (4, 8), "agreed")
        self.poll.sheet(0, sheet("s1", (5, 8), by="a"))
        self.assertEqual(self.poll.counts[0][0][0], 4, "the agreed figures count until a second entry")

    def test_an_annulled_typed_ballot_gives_the_voter_back_their_online_vote(self):
        self.poll.ballot(0, ballot("aa" * 16, "01" * 16, [1], 10))
        self.poll.ballot(0, ballot("bb" * 16, "01" * 16, [2], 20, channel="paper", stand="jaude"))
        self.assertEqual((self.poll.counts[0][0][1], self.poll.counts[1][0][0]), (0, 1))
        self.poll.annul(0, "bb" * 16)
        self.assertEqual((self.poll.counts[0][0][1], self.poll.counts[1][0][0]), (1, 0))
        self.poll.sheet(0, dict(sheet("s2", (1, 1)), stand="jaude"))
        self.assertEqual(self.poll.sheets, {}, "the box was typed: no sheet for it")


if __name__ == "__main__":
    unittest.main()
