"""The deployment pages: the list of deployments to and from the user's wards, one deployment (its
officers, the cover of their home wards, results), lending officers, and ending or cancelling."""
