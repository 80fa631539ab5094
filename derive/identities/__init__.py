"""The catalogue, one module per topic. Importing this package registers every identity."""
