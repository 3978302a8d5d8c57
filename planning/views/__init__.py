"""Pages of planning and preparedness: the set-up checklist, and where the record kit's pages of planning documents
and MCDA requests differ (their list and create views)."""
