"""Column mappings shipped with kintrace, loaded by name with :func:`kintrace.io.load_mapping`."""
