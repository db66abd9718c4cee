"""Following library topics and organisations: the follow rows (the discussions' ``Subscription``
table, shared with threads and categories), the announcement of a newly published resource to its
followers (a background job), and the follow buttons' routes."""
