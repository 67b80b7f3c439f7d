"""hubplan: plan a network of family services from data anyone can check.

The pipeline runs ``data -> travel -> optimise -> evaluate -> report``; each stage is a subpackage.
"""

__version__ = "0.1.0"
