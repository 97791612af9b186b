"""Signals any app may send, defined at the bottom so that the apps listening sit above the senders."""

from django.dispatch import Signal

# Sent (by a command) after rows were written in bulk (bulk_create, QuerySet.update), which
# bypasses post_save: whatever keeps state derived from the data (the dashboard's data
# versions) learns of the write without the writer importing it. `opd_id` (optional): the
# one OPD whose data was written; without it listeners treat every OPD as changed.
ditulis_massal = Signal()
