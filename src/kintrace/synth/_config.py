"""Settings of the generator: one frozen :class:`SynthConfig`, checked when it is built."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields

from kintrace.errors import ConfigError
from kintrace.synth._cultures import DEFAULT_CULTURE_MIX, culture_keys

__all__ = ["NoiseRates", "SynthConfig"]


def _bad(owner: str, name: str, expected: str, got: object) -> ConfigError:
    return ConfigError(
        f"The {name!r} parameter of {owner} must be {expected}. Got {got!r} instead."
    )


@dataclass(frozen=True)
class NoiseRates:
    """Base rates of each kind of recording noise, at ``SynthConfig.noise == 1``.

    Each effective rate is ``min(1, rate * noise)``, so ``noise=0`` writes every record
    cleanly (canonical spellings, every field, exact dates) and ``noise=2`` doubles the rates.

    Attributes
    ----------
    variant:
        Probability that a name is written in a spelling drawn from the recorder's style
        (else its canonical spelling).
    typo:
        Probability of one keyboard or hearing slip (one edit) in a written name.
    drop_token:
        Probability that a record leaves out a middle part of the name chain.
    swap_order:
        Probability that given and family name trade places.
    compound:
        Probability that a compound name is joined, split or abbreviated differently.
    native_only:
        Probability that a name is recorded in its native script only (raised fourfold
        where the office writes that script).
    missing:
        Multiplier of the per-field missing rates (unknown birth dates included).
    age_error:
        Probability that an estimated age is off by one to three years.
    day_month_swap:
        Probability that an exact birth date has its day and month swapped.
    language_switch:
        Probability that a Ukrainian name is recorded in its Russian form or vice versa.
    implausible_requester_age:
        Probability that a request writes its requester's birth date or age so that it does
        not fit their relation (a "mother" a few years older than the child, a "grandfather"
        twenty years older, a "brother" fifty): a recording slip. The truth marks these
        requests (``requester_age_noise`` in ``truth_records``).
    """

    variant: float = 0.7
    typo: float = 0.03
    drop_token: float = 0.12
    swap_order: float = 0.08
    compound: float = 0.3
    native_only: float = 0.04
    missing: float = 1.0
    age_error: float = 0.6
    day_month_swap: float = 0.02
    language_switch: float = 0.15
    implausible_requester_age: float = 0.01

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            upper = 5.0 if f.name == "missing" else 1.0
            if not isinstance(value, int | float) or not 0.0 <= float(value) <= upper:
                raise _bad("NoiseRates", f.name, f"a float in [0, {upper:g}]", value)


@dataclass(frozen=True)
class SynthConfig:
    """What to generate.

    Attributes
    ----------
    n_children:
        Number of registered child records, duplicates included.
    seed:
        Seed of every random draw: the same config gives byte-identical output.
    cultures:
        ``(culture, weight)`` pairs; weights need not sum to 1. See ``CULTURES``.
    noise:
        Scale of all recording noise, 0 (clean) to 2; 1 is the default mix.
    rates:
        Base rates of each kind of noise (see :class:`NoiseRates`).
    request_ratio:
        Number of request rows (sought children) per registered child record.
    share_requests_no_child:
        Share of request rows lodged by families none of whose children is registered.
    share_duplicates:
        Share of child records that are a second registration of an already registered
        child (in another country, written independently).
    share_sought:
        Share of registered children whose family lodges at least one request.
    """

    n_children: int = 1000
    seed: int = 0
    cultures: tuple[tuple[str, float], ...] = DEFAULT_CULTURE_MIX
    noise: float = 1.0
    rates: NoiseRates = field(default_factory=NoiseRates)
    request_ratio: float = 1.0
    share_requests_no_child: float = 0.2
    share_duplicates: float = 0.03
    share_sought: float = 0.7

    def __post_init__(self) -> None:
        owner = "SynthConfig"
        if isinstance(self.n_children, bool) or not isinstance(self.n_children, int):
            raise _bad(owner, "n_children", "an int >= 1", self.n_children)
        if self.n_children < 1:
            raise _bad(owner, "n_children", "an int >= 1", self.n_children)
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise _bad(owner, "seed", "an int >= 0", self.seed)
        self._check_float("noise", 0.0, 2.0)
        self._check_float("request_ratio", 0.0, 10.0)
        self._check_float("share_requests_no_child", 0.0, 0.95)
        self._check_float("share_duplicates", 0.0, 0.5)
        self._check_float("share_sought", 0.0, 1.0)
        if not isinstance(self.rates, NoiseRates):
            raise _bad(owner, "rates", "a NoiseRates", self.rates)
        self._check_cultures()

    def _check_float(self, name: str, low: float, high: float) -> None:
        value = getattr(self, name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad("SynthConfig", name, f"a float in [{low:g}, {high:g}]", value)
        if not low <= float(value) <= high:
            raise _bad("SynthConfig", name, f"a float in [{low:g}, {high:g}]", value)

    def _check_cultures(self) -> None:
        known = culture_keys()
        expected = "a non-empty tuple of (culture, weight > 0) pairs"
        if not isinstance(self.cultures, tuple) or not self.cultures:
            raise _bad("SynthConfig", "cultures", expected, self.cultures)
        seen: set[str] = set()
        for item in self.cultures:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise _bad("SynthConfig", "cultures", expected, self.cultures)
            name, weight = item
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise ConfigError(
                    f"Unknown culture {name!r} in the 'cultures' parameter of SynthConfig; "
                    f"known cultures: {', '.join(known)}.{hint}"
                )
            if name in seen:
                raise ConfigError(f"Culture {name!r} is listed twice in SynthConfig.cultures.")
            seen.add(name)
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                raise _bad("SynthConfig", "cultures", expected, self.cultures)

    def rate(self, name: str) -> float:
        """Effective probability of one kind of noise: ``min(1, base rate * noise)``."""
        return min(1.0, float(getattr(self.rates, name)) * float(self.noise))
