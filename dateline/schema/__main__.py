"""``python -m dateline.schema`` rewrites the committed schema file."""

from . import write

print(write())
