"""Output formats, one module per format (installed as ``minutekit.converters``).

Each module has ``FORMAT``, ``SUFFIX``, ``MEDIA_TYPE``, a docstring and ``convert`` (or
``convert_batch`` for a format written once per batch); :mod:`minutekit.formats`
discovers them, so a new format is one new file here.
"""
