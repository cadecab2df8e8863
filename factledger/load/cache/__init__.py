"""A per-file cache of loading that never changes a result: see :mod:`.store` (where, how it is kept
safe) and :mod:`.codec` (what is kept). The pipeline uses it; `factledger cache info|clear` shows and
empties it; ``--no-cache`` or ``FACTLEDGER_NO_CACHE=1`` turns it off."""
