"""The platform API's operations, one module per domain, each a ninja Router added in sn.api.api."""
