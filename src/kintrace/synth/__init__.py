"""Synthetic registries with ground truth: children, tracing requests, and who is who.

No public data has what family tracing faces, so kintrace ships a generator. It draws
*families first* (names by each culture's convention, relatives, birth dates, cousins) and
*records second*: each registration office and each relative writes the names down in their
own way (spelling style, script, dropped or swapped parts, slips, unknown dates), every record
independently. The truth tables say which request row and which child record are the same
child.

The generator's spelling variants and noise are written here, apart from the matcher's
standardisation, so the benchmark never grades kintrace against its own assumptions.

Examples
--------
>>> from kintrace.synth import SynthConfig, generate
>>> data = generate(SynthConfig(n_children=100, seed=1))
>>> sorted(data.children.columns) == sorted(data.children.columns.unique())
True
"""

from __future__ import annotations

from kintrace.synth._config import NoiseRates, SynthConfig
from kintrace.synth._cultures import DEFAULT_CULTURE_MIX, culture_keys
from kintrace.synth._generate import SynthData, generate
from kintrace.synth._offices import OFFICES
from kintrace.synth._plan import RELATIONS
from kintrace.synth._stream import write_stream
from kintrace.synth._write import EXPORT_COLUMNS, write

__all__ = [
    "CULTURES",
    "DEFAULT_CULTURE_MIX",
    "EXPORT_COLUMNS",
    "OFFICE_CODES",
    "RELATIONS",
    "NoiseRates",
    "SynthConfig",
    "SynthData",
    "generate",
    "write",
    "write_stream",
]

#: Keys of the naming cultures the generator knows.
CULTURES: tuple[str, ...] = culture_keys()
#: Codes of the registration offices (country-city).
OFFICE_CODES: tuple[str, ...] = tuple(o.code for o in OFFICES)
