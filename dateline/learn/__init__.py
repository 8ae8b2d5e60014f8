"""Models dateline can learn locally from annotated data; never shipped, always optional."""
