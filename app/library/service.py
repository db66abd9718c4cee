"""The library's operations, one import away: a facade over the modules that do the work.

Every operation takes the acting user first, asks ``permissions``, changes state, writes the
audit event (moderator actions) and the search outbox row (changes to searchable content), and
flushes. Nothing here commits: the caller (a view, a CLI command, a test) commits once.

==================  =====================================================================
``validation``      ``ResourceInput``, the limits, ``validate`` (form, import and API alike)
``creation``        ``create_resource``: the one creation path (``bulk`` batches the same rules)
``editing``         edits as revisions, renamed slugs, restoring a revision
``workflow``        submit, publish, approve, return, archive, unarchive, delete
``moderating``      the review queue's reads, hide/restore, feature, retag, merge
``revisions``       snapshots and reading revisions
``attachments``     files on resources
``privacy_check``   the privacy guard at the door (``PrivacyCheckFailed``)
==================  =====================================================================
"""

from __future__ import annotations

from .attachments import add_attachment, get_attachment, remove_attachment
from .creation import (
    ACTION_DRAFT,
    ACTION_PUBLISH,
    ACTION_SUBMIT,
    ACTIONS,
    CreateAction,
    creatable_organisations,
    create_resource,
)
from .editing import edit_resource, restore_revision
from .effects import resource_path
from .moderating import (
    count_pending,
    feature_resource,
    hide_resource,
    list_pending,
    merge_resource,
    restore_resource,
    set_resource_topics_tags,
)
from .privacy_check import PrivacyCheckFailed, privacy_findings
from .revisions import count_revisions, get_revision, list_revisions, snapshot
from .trust import is_trusted_author
from .validation import (
    ATTACHMENTS_MAX,
    BODY_MAX,
    NOTE_MAX,
    REASON_MAX,
    RESERVED_SLUGS,
    SLUG_MAX,
    SUMMARY_MAX,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TITLE_MAX,
    URL_MAX,
    CleanResource,
    ResourceInput,
    normalise_tag,
    parse_tags,
    resolve_topics,
    valid_external_url,
    validate,
)
from .workflow import (
    approve_resource,
    archive_resource,
    delete_resource,
    publish_resource,
    return_resource,
    submit_resource,
    unarchive_resource,
)

__all__ = [
    "ACTIONS",
    "ACTION_DRAFT",
    "ACTION_PUBLISH",
    "ACTION_SUBMIT",
    "ATTACHMENTS_MAX",
    "BODY_MAX",
    "NOTE_MAX",
    "REASON_MAX",
    "RESERVED_SLUGS",
    "SLUG_MAX",
    "SUMMARY_MAX",
    "TAGS_MAX",
    "TAG_MAX_LENGTH",
    "TITLE_MAX",
    "URL_MAX",
    "CleanResource",
    "CreateAction",
    "PrivacyCheckFailed",
    "ResourceInput",
    "add_attachment",
    "approve_resource",
    "archive_resource",
    "count_pending",
    "count_revisions",
    "creatable_organisations",
    "create_resource",
    "delete_resource",
    "edit_resource",
    "feature_resource",
    "get_attachment",
    "get_revision",
    "hide_resource",
    "is_trusted_author",
    "list_pending",
    "list_revisions",
    "merge_resource",
    "normalise_tag",
    "parse_tags",
    "privacy_findings",
    "publish_resource",
    "remove_attachment",
    "resolve_topics",
    "resource_path",
    "restore_resource",
    "restore_revision",
    "return_resource",
    "set_resource_topics_tags",
    "snapshot",
    "submit_resource",
    "unarchive_resource",
    "valid_external_url",
    "validate",
]
