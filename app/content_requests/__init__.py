"""Content requests (``/requests``): a member asks the network for a resource that does not exist
yet; others upvote and comment; moderators assign, decline with a reason, or fulfil by linking a
resource or a thread; the requester and the voters are told."""
