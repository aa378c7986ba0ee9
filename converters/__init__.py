"""Output formats, one module per format (installed as ``minutekit.converters``).

Empty until the first converter lands: each format will be one module here with
``FORMAT``, ``SUFFIX``, ``MEDIA_TYPE`` and ``convert(item) -> bytes``.
"""
