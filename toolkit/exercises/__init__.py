"""Exercise items, generators behind a registry, validity checks and exports.

`items` is light (a student kernel loads it); generators and checks load language data lazily.
"""
