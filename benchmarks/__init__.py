"""The benchmark suite: serialization throughput for large flow-run lists.

Run it with ``make bench`` or ``python -m benchmarks --help``.
"""
