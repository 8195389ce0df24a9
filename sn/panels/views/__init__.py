"""The panel pages: a ward's panel and members (panels), meetings (meetings), priorities and sign-off
(priorities), and the cluster, borough and force overviews (overview)."""
