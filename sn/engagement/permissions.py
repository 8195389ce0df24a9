"""What engagement guards: events, visual audits and perception surveys."""
