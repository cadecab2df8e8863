"""Reading a git repository without changing it: revisions, trees, blobs and the log, through git's own
plumbing (``rev-parse``, ``merge-base``, ``ls-tree``, ``cat-file --batch``, ``log``)."""
