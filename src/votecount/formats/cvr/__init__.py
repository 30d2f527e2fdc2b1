"""Cast-vote records of US voting equipment, read as RCTab reads them.

One module per provider (``ess``, ``dominion``, ``hart``, ``clear_ballot``, ``cdf_json``,
``cdf_xml`` for NIST and Unisyn, ``generic_csv``), each turning a provider's files into
:class:`~votecount.formats.cvr.common.CastVoteRecord` values; :mod:`.rctab` reads an RCTab
configuration and all its sources into one :class:`~votecount.validity.RawElection`.
The providers' libraries (openpyxl, ijson, defusedxml) are the optional ``cvr`` extra and are
imported only when a source needs them. See ``docs/us-cvr.md``.
"""

from __future__ import annotations

from votecount.formats.cvr.common import OVERVOTE, UNDECLARED_WRITE_IN, CastVoteRecord
from votecount.formats.cvr.rctab import RctabContest, iter_records, read_contest, read_rctab_config
from votecount.formats.rctab_config import RctabConfig, load_rctab_config

__all__ = [
    "OVERVOTE",
    "UNDECLARED_WRITE_IN",
    "CastVoteRecord",
    "RctabConfig",
    "RctabContest",
    "iter_records",
    "load_rctab_config",
    "read_contest",
    "read_rctab_config",
]
