"""Names: normalisation, tokens and phonetic keys."""

from kintrace.names.keys import phonetic_key, phonetic_keys
from kintrace.names.normalise import is_placeholder, normalise_name, normalise_names

__all__ = ["is_placeholder", "normalise_name", "normalise_names", "phonetic_key", "phonetic_keys"]
