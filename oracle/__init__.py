"""A differential oracle: this library against Prefect itself.

``make oracle`` runs both: ``make oracle2`` against Prefect 2.20.27 and ``responses``
(``.venv-oracle``);
``make oracle3`` against Prefect 3.9.1 and ``responses.prefect3`` (``.venv-oracle3``,
``python -m oracle --prefect 3``): one harness, a profile per version
(:mod:`oracle.profiles`). Never imported by the library or by ``make test``.
"""
