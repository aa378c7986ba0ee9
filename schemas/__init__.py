"""The JSON Schemas minutekit validates against (package data; no code)."""
