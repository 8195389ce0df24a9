"""Abstraction monitoring: the monthly rate (rates), the reports of each level read through the reader's
scope (selectors), their tables and chart (tables) and the sums kept between requests (memo)."""
