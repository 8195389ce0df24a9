"""The ASB pages. Cases are fetched through sn.asb.permissions (out of the user's area: 404); every
write goes through one service in a form page (refused: the same page, status 400, with the service's
message naming the field)."""
