"""``mtcheck serve``: the JSON API and the copy-desk page (the ``serve`` extra).

Nothing here is imported by the CLI unless ``mtcheck serve`` runs; see web/app.py.
"""
