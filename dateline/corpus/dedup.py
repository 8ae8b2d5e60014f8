"""Near-duplicate stories: wire copies and re-publications share a story id (MinHash LSH)."""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2 hash scheme; stored signatures are only comparable within one scheme
THRESHOLD = 0.7  # estimated Jaccard similarity of word 5-grams above which two texts are one story
SHINGLE = 5
_WORD = re.compile(r"\w+")


class StoryIndex:
    """Assigns each new article the story of the earliest near-duplicate already stored."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.story_of: dict[int, int] = {}

    @classmethod
    def from_rows(cls, rows) -> StoryIndex:
        index = cls()
        for rowid, story, blob in rows:
            signature = np.frombuffer(blob, dtype=np.uint64)
            index.lsh.insert(str(rowid), MinHash(num_perm=NUM_PERM, hashvalues=signature, scheme=SCHEME))
            index.story_of[rowid] = story if story is not None else rowid
        return index

    @staticmethod
    def signature(text: str) -> np.ndarray:
        words = _WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
        minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
        minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        return minhash.hashvalues.astype(np.uint64)

    def add(self, rowid: int, signature: np.ndarray) -> int:
        """Index an article and return its story id."""
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=signature, scheme=SCHEME)
        similar = [int(key) for key in self.lsh.query(minhash)]
        story = min((self.story_of[r] for r in similar if r in self.story_of), default=rowid)
        self.lsh.insert(str(rowid), minhash)
        self.story_of[rowid] = story
        return story
