"""A differential oracle: this library against Prefect 2.20.27 itself.

Run with ``make oracle`` (it builds ``.venv-oracle`` with ``prefect==2.20.27``);
never imported by the library or by ``make test``.
"""
