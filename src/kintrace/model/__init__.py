"""The score step: the Fellegi–Sunter model, EM, u sampling, term frequencies, model files."""

from kintrace.model.em import EMResult, count_patterns, expectation_maximisation
from kintrace.model.fellegi_sunter import FellegiSunter
from kintrace.model.serialise import MODEL_FORMAT, load_model, model_to_dict, save_model
from kintrace.model.term_frequencies import term_frequencies
from kintrace.model.u_sampling import estimate_u, sample_random_pairs

__all__ = [
    "MODEL_FORMAT",
    "EMResult",
    "FellegiSunter",
    "count_patterns",
    "estimate_u",
    "expectation_maximisation",
    "load_model",
    "model_to_dict",
    "sample_random_pairs",
    "save_model",
    "term_frequencies",
]
