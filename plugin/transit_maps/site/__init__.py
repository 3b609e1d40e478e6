"""The MkDocs adapter: generated map, station and solution pages, short links, the fence.

Only `site.plugin` and `site.config` import mkdocs. The other modules here are plain functions
(URLs, page generation, sanitising, diagram rendering) that the CLI or other site generators can
use without MkDocs.
"""
