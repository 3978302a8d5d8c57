"""Pages of planning and preparedness: planning documents, MCDA requests, the set-up checklist."""
