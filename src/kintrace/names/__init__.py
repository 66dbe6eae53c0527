"""Names: standardisation across scripts, tokens, phonetic and skeleton keys.

    written name ── standard_tokens ──> Latin comparison tokens ──> skeleton_keys / phonetic_key

See :mod:`kintrace.names.parse` for what standardisation does, and
:mod:`kintrace.names.skeleton` for keys that survive transliteration.
"""

from kintrace.names.keys import phonetic_key, phonetic_keys
from kintrace.names.normalise import is_placeholder, normalise_name, normalise_names
from kintrace.names.parse import standard_name, standard_names, standard_tokens
from kintrace.names.scripts import Script, script_of
from kintrace.names.similarity import name_similarities, name_similarity
from kintrace.names.skeleton import skeleton, skeleton_keys, skeletons
from kintrace.names.transliterate import to_latin

__all__ = [
    "Script",
    "is_placeholder",
    "name_similarities",
    "name_similarity",
    "normalise_name",
    "normalise_names",
    "phonetic_key",
    "phonetic_keys",
    "script_of",
    "skeleton",
    "skeleton_keys",
    "skeletons",
    "standard_name",
    "standard_names",
    "standard_tokens",
    "to_latin",
]
