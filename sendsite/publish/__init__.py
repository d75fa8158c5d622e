"""Publish stage: what a build writes besides the pages, for the world and for the host."""
