"""What a resource's page says about its upkeep: review-by date, lineage, who may act on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..accounts.models import User
from ..orgs.models import Organisation
from ..permissions import can
from . import adaptation, review_dates
from .models import Resource


@dataclass(frozen=True)
class UpkeepPanel:
    review_by: date | None
    past_due: bool
    can_confirm: bool
    adaptations: int  # organisations that adapted this template
    can_adapt: bool
    adapt_organisations: list[Organisation] = field(default_factory=list)
    upstream: Resource | None = None  # the template this copies, when the reader may see it
    upstream_changed: bool = False


def panel(actor: User, resource: Resource) -> UpkeepPanel:
    upstream = resource.upstream if resource.upstream_id is not None else None
    if upstream is not None and not can(actor, "resource.view", upstream):
        upstream = None
    upstream_changed = False
    if upstream is not None:
        latest = adaptation.latest_revision(upstream)
        upstream_changed = latest is not None and latest.number != resource.upstream_revision
    can_adapt = can(actor, "resource.adapt", resource)
    return UpkeepPanel(
        review_by=resource.review_by,
        past_due=resource.is_listed and review_dates.is_past_due(resource),
        can_confirm=can(actor, "resource.confirm_review", resource),
        adaptations=adaptation.adaptation_count(resource) if resource.kind == "policy_template" else 0,
        can_adapt=can_adapt,
        adapt_organisations=adaptation.adapting_organisations(actor) if can_adapt else [],
        upstream=upstream,
        upstream_changed=upstream_changed,
    )
