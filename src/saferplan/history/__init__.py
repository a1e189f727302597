"""Reading django-simple-history records as a list of changes people can follow.

``history_entries`` turns any model's historical records into ``Entry`` rows
(who, when, what changed: field, before, after); the template partial
``monitoring/includes/history.html`` shows a list of them for any object.
"""
