"""What panels guards: ward panels, meetings, priorities, sign-off and "you said, we did"."""
