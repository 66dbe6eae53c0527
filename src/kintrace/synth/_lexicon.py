"""A lexicon of name forms and a vectorised sampler of their spellings.

Each *lexeme* is one name in one form (a given name, a Russian given name, a feminine
patronymic, a surname ...). It has a canonical Latin spelling, an optional native-script
form and a list of candidate spellings with a probability per recording style. Sampling
draws one spelling for millions of (lexeme, style) pairs at once: the per-row cumulative
probabilities are laid end to end, offset by the row number, so one ``searchsorted`` finds
every draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kintrace.synth._styles import STYLES

__all__ = ["Lexicon", "LexiconBuilder"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]


@dataclass(frozen=True)
class Lexicon:
    """Every name form the generator can write, with per-style spelling distributions.

    Attributes
    ----------
    strings:
        ``[n_lexemes, width]`` candidate spellings; column 0 is the canonical one, unused
        cells are ``""``.
    native:
        ``[n_lexemes]`` native-script form or ``""``.
    offsets:
        ``[n_lexemes * n_styles * width]`` cumulative probabilities, each row shifted by its
        row number (row = lexeme * n_styles + style).
    """

    strings: ObjArray
    native: ObjArray
    offsets: FloatArray

    @property
    def width(self) -> int:
        return int(self.strings.shape[1])

    def canonical(self, lex: IntArray) -> ObjArray:
        """Canonical spellings of ``lex`` (``None`` where ``lex < 0``)."""
        out = np.full(lex.shape, None, dtype=object)
        ok = lex >= 0
        out[ok] = self.strings[lex[ok], 0]
        return out

    def natives(self, lex: IntArray) -> ObjArray:
        """Native-script forms of ``lex`` (``None`` where absent or ``lex < 0``)."""
        out = np.full(lex.shape, None, dtype=object)
        ok = lex >= 0
        vals = self.native[lex[ok]].copy()
        vals[vals == ""] = None
        out[ok] = vals
        return out

    def sample(
        self,
        lex: IntArray,
        style: IntArray,
        variant_p: FloatArray,
        rng: np.random.Generator,
    ) -> ObjArray:
        """Draw one spelling for each (lexeme, style) pair.

        Parameters
        ----------
        lex:
            Lexeme ids, any shape; ``-1`` means "no name here" and gives ``None``.
        style:
            Style indices broadcastable to ``lex``.
        variant_p:
            Probability, per element, that the spelling is drawn from the style's
            distribution instead of being the canonical form (0 gives clean names).
        rng:
            Random generator; two uniforms are drawn per element whatever the inputs, so
            structure downstream does not depend on the noise level.

        Returns
        -------
        numpy.ndarray
            Object array shaped like ``lex``.
        """
        shape = lex.shape
        flat = lex.reshape(-1)
        styles = np.broadcast_to(style, shape).reshape(-1)
        p = np.broadcast_to(variant_p, shape).reshape(-1)
        u_choose = rng.random(flat.size)
        u_spell = rng.random(flat.size)
        out = np.full(flat.size, None, dtype=object)
        ok = flat >= 0
        row = flat[ok] * len(STYLES) + styles[ok]
        pos = np.searchsorted(self.offsets, row + u_spell[ok], side="right")
        k = pos - row * self.width
        k = np.clip(k, 0, self.width - 1)
        k = np.where(u_choose[ok] < p[ok], k, 0)
        chosen = self.strings[flat[ok], k]
        # A uniform within float rounding of 1 can land on padding; fall back to canonical.
        empty = chosen == ""
        chosen[empty] = self.strings[flat[ok][empty], 0]
        out[ok] = chosen
        return out.reshape(shape)


class LexiconBuilder:
    """Collects lexemes, then freezes them into a :class:`Lexicon`."""

    def __init__(self) -> None:
        self._spellings: list[list[str]] = []
        self._weights: list[FloatArray] = []
        self._native: list[str] = []

    def __len__(self) -> int:
        return len(self._spellings)

    def add(self, spellings: list[str], weights: FloatArray, native: str) -> int:
        """Add a lexeme; ``weights`` is ``[n_styles, len(spellings)]``, spelling 0 canonical."""
        if weights.shape != (len(STYLES), len(spellings)):
            raise ValueError("weights must be [n_styles, n_spellings]")
        self._spellings.append(spellings)
        self._weights.append(weights)
        self._native.append(native)
        return len(self._spellings) - 1

    def build(self) -> Lexicon:
        """Freeze the collected lexemes."""
        n = len(self._spellings)
        width = max(len(s) for s in self._spellings)
        strings = np.full((n, width), "", dtype=object)
        cum = np.ones((n, len(STYLES), width), dtype=np.float64)
        for i, (spellings, weights) in enumerate(zip(self._spellings, self._weights, strict=True)):
            strings[i, : len(spellings)] = spellings
            totals = weights.sum(axis=1, keepdims=True)
            # A style with no weight at all writes the canonical form.
            probs = np.where(totals > 0, weights / np.where(totals > 0, totals, 1.0), 0.0)
            probs[totals[:, 0] == 0, 0] = 1.0
            c = np.cumsum(probs, axis=1)
            c[:, -1] = 1.0
            cum[i, :, : len(spellings)] = c
        rows = np.arange(n * len(STYLES), dtype=np.float64).repeat(width)
        offsets = rows + cum.reshape(-1)
        native = np.array(self._native, dtype=object)
        return Lexicon(strings=strings, native=native, offsets=offsets)
