"""The ``kintrace`` command-line interface (a thin layer over the :mod:`kintrace` library)."""
