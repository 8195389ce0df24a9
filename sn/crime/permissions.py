"""Crime and demand pages are guarded by the geography's page permissions (view_ward for a ward's
profile, view_borough_overview and view_force_overview for borough and force pages): crime figures
are public at this level of detail, so the only question is which areas a user works on."""
