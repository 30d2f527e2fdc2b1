"""The fuzz targets: one per reader, each fed raw bytes, and the seed files each starts from.

A target passes when the reader returns or raises :class:`~votecount.errors.VotecountError`;
any other exception is a finding. The seeds are small real files (from ``../shared/data`` when
it is there), the bundled example, and what votecount's own writers make of them, so that the
fuzzer starts from inputs that reach deep into each reader instead of spending its time on
the first line. Nothing here imports votecount at module level: the runner imports it under
the fuzzer's coverage instrumentation first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import cvr_targets

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

# Small real files, relative to ../shared/data: a few Scottish wards, Droop's quirky BLTs
# (withdrawn candidates, equal rankings, options) and PrefLib elections with ties.
REAL_SEEDS: dict[str, tuple[str, ...]] = {
    "blt": (
        "scottish/blt/3_cands/aberdeenshire_2016_by_election_banff_and_district.blt",
        "scottish/blt/3_cands/eilean_siar_2022_ward4.blt",
        "scottish/blt/renfrewshire_2022_from_mollison/renfrewshire_2022_ward3.blt",
        "droop/test/blt/42.blt",
        "droop/test/blt/SC.blt",
        "droop/test/blt/mpls/tie.blt",
    ),
    "soi": ("preflib/00058_nswla/00058-00000008.soi",),
    "toi": ("preflib/00019_oakland/00019-00000004.toi",),
}

CONSTRAINT_TOML = b"""[candidates]
"Ann" = { gender = "F", region = "North" }
Bob = { gender = "M" }
'Cat' = { gender = "F", region = "South" }

[[constraint]]
attribute = "gender"
value = "F"
at_least = 1
at_most = 2

[[constraint]]
attribute = "region"
value = "South"
at_most = 1
"""


TEXT_TARGETS = ("blt", "csv", "soi", "toi", "json", "result", "toml")
NAMES = TEXT_TARGETS + cvr_targets.SPREADSHEET_TARGETS + cvr_targets.CVR_TARGETS
"""Every target (see ``cvr_targets`` for the spreadsheets and cast-vote records)."""
MAX_LEN = {"nist-xml": 40000, "unisyn": 40000, "ess": 12000, "xlsx": 12000}
"""The largest input of a target whose seeds are larger than the runner's default."""


def reader(target: str) -> Callable[[bytes], Any]:
    """The reader of ``target`` (a cast-vote-record target needs ``../shared/data/rctab``)."""
    if target in cvr_targets.CVR_TARGETS:
        return cvr_targets.cvr_target(target)
    if target in cvr_targets.SPREADSHEET_TARGETS:
        return cvr_targets.spreadsheet_targets()[target]
    return targets()[target]


def import_readers() -> None:
    """Import every reader module now, as the runner needs them imported under its coverage
    instrumentation: the cast-vote-record readers are otherwise imported at the first read."""
    import importlib

    from votecount.formats.cvr.rctab import READERS

    for module in READERS.values():
        importlib.import_module(module)


def targets() -> dict[str, Callable[[bytes], Any]]:
    """Each text target's reader, taking the bytes of a file as it would come off the disk."""
    from votecount.constraint_files import loads_constraint_file
    from votecount.formats import loads
    from votecount.formats.result_read import result_from_json

    def result(data: bytes) -> Any:
        # The result reader takes text; undecodable bytes are replaced, as in the hostile tests,
        # so that the fuzzer's effort goes into the JSON, not into UTF-8 the str API never sees.
        return result_from_json(data.decode("utf-8", errors="replace"))

    return {
        "blt": lambda data: loads(data, "blt"),
        "csv": lambda data: loads(data, "csv"),
        "soi": lambda data: loads(data, "soi"),
        "toi": lambda data: loads(data, "toi"),
        "json": lambda data: loads(data, "json"),
        "result": result,
        "toml": loads_constraint_file,
    }


def seeds(target: str) -> list[bytes]:
    """The starting corpus of ``target``: small real files and the writers' own output."""
    if target in cvr_targets.CVR_TARGETS:
        return cvr_targets.cvr_seeds(target)
    if target in cvr_targets.SPREADSHEET_TARGETS:
        return cvr_targets.spreadsheet_seeds(target)
    from votecount import Candidate, PluralityBallot, Profile, count, examples, read
    from votecount.formats import dumps
    from votecount.formats.result_json import result_to_json

    riverside = read(examples.path())
    plurality = Profile(
        [Candidate("Ann", "a"), Candidate("Bob", "b"), Candidate("Cat", "c")],
        [PluralityBallot({0}, 2), PluralityBallot({1, 2}, 1)],
        seats=2,
        title="Block vote",
    )
    found = [(SHARED / name).read_bytes() for name in REAL_SEEDS.get(target, ()) if (SHARED / name).is_file()]
    if target in ("blt", "csv", "soi", "toi", "json"):
        found.append(dumps(riverside, target).encode())
    if target == "blt":
        found.append(examples.path().read_bytes())
    if target in ("csv", "json"):
        found.append(dumps(plurality, target).encode())
    if target == "result":
        found.append(result_to_json(count(riverside, rule="irv", seats=1)).encode())
        for rule in ("scottish-stv", "meek"):
            found.append(result_to_json(count(riverside, rule=rule)).encode())
        found.append(result_to_json(count(plurality, rule="block", seed=1)).encode())
    if target == "toml":
        found.append(CONSTRAINT_TOML)
    return list(dict.fromkeys(found))  # no seed twice
