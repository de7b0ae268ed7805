"""Demo and scale data: reference data (``reference``: business lines, catalogue, codes, users),
what volume data is made of (``pools``) and the bulk generator (``data``)."""
