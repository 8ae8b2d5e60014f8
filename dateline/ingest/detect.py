"""What kind of document a file holds, judged by its content first and its name second."""

from __future__ import annotations

import re
import zlib

KINDS = ("warc", "feed", "html", "jsonl", "trafilatura-xml", "text")

_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_TRAFILATURA_XML = re.compile(rb"(?:<\?xml[^>]*\?>\s*)?<doc\s[^>]*>\s*<main[\s>]", re.S)
_HTML = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<div[\s>]|<p[\s>]", re.I)


def gunzip_prefix(data: bytes) -> bytes:
    """As much of a (possibly truncated) gzip stream's start as can be decompressed."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 8192)
    except zlib.error:
        return b""


def sniff(head: bytes, name: str = "") -> str:
    """One of ``KINDS`` for a document whose first bytes are ``head``."""
    if head[:2] == b"\x1f\x8b":
        head = gunzip_prefix(head)
        if head.startswith(b"WARC/") or name.endswith((".warc.gz", ".arc.gz")):
            return "warc"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED.search(stripped[:1024]) and not _HTML.search(stripped[:256]):
        return "feed"
    if _TRAFILATURA_XML.match(stripped[:4096]):
        return "trafilatura-xml"
    if _HTML.search(stripped[:4096]):
        return "html"
    if stripped.startswith((b"{", b"[")) and (name.endswith((".jsonl", ".ndjson", ".json")) or any(
            key in stripped[:65536] for key in (b'"text"', b'"maintext"', b'"raw_text"', b'"articleBody"'))):
        return "jsonl"
    return "text"
