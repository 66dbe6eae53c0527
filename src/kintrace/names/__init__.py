"""Names: standardisation across scripts, tokens, phonetic and skeleton keys.

    written name ── standard_tokens ──> Latin comparison tokens ──> skeleton_keys / phonetic_key

See :mod:`kintrace.names.parse` for what standardisation does,
:mod:`kintrace.names.skeleton` for keys that survive transliteration, and
:mod:`kintrace.names.variants` for the spellings public data gives as one name.
"""

from kintrace.names.keys import phonetic_key, phonetic_keys
from kintrace.names.normalise import is_placeholder, normalise_name, normalise_names
from kintrace.names.parse import standard_name, standard_names, standard_tokens
from kintrace.names.scripts import Script, script_of
from kintrace.names.similarity import name_similarities, name_similarity
from kintrace.names.skeleton import skeleton, skeleton_keys, skeletons
from kintrace.names.transliterate import to_latin
from kintrace.names.variants import VariantRelation, variant_relation, variants_of

__all__ = [
    "Script",
    "VariantRelation",
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
    "variant_relation",
    "variants_of",
]
