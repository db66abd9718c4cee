"""Member organisations: directory, profiles, applying, editing, and managing who belongs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..discussions import service as discussions
from ..errors import ValidationError
from ..events import queries as events_queries
from ..follows import service as follows
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..library import queries as library_queries
from ..library.queries import LibraryFilters
from ..page_cache import visitor_page
from ..permissions import can
from ..sharing import public_meta
from ..templating import page_number
from ..unit_of_work import attempt
from . import membership, service
from .forms import InviteForm, JoinRequestForm, OrganisationForm, ReasonForm, load_organisation
from .models import ORG_TYPE_LABELS, PLATFORM_LABELS, MemberRole
from .validation import clean_text

bp = Blueprint("orgs", __name__, url_prefix="/orgs")


def _actor() -> Any:
    return current_user._get_current_object()


def _arg(name: str, allowed: Any = None) -> str:
    value = clean_text(request.args.get(name, ""))[:100]
    if allowed is not None and value not in allowed:
        return ""
    return value


# --- Directory and profiles -------------------------------------------------------------


@bp.get("")
@visitor_page()
def directory():
    filters = service.DirectoryFilters(
        q=_arg("q"),
        type=_arg("type", ORG_TYPE_LABELS),
        country=_arg("country"),
        region=_arg("region"),
        platform=_arg("platform", PLATFORM_LABELS),
    )
    page = service.directory_page(filters, page=page_number(request.args.get("page")))
    countries, regions = service.directory_places(filters.country)
    return render_template(
        "orgs/directory.html",
        page=page,
        filters=filters,
        countries=countries,
        regions=regions,
        types=ORG_TYPE_LABELS,
        platforms=PLATFORM_LABELS,
        filtered=any(vars(filters).values()),
        signed_in=current_user.is_authenticated,
    )


@bp.get("/<slug>")
@visitor_page()
def profile(slug: str):
    viewer = _actor()
    org = service.get_organisation(viewer, slug)
    show_members = can(viewer, "org.view_members", org)
    return render_template(
        "orgs/profile.html",
        org=org,
        member_count=service.member_count(org),
        members=service.list_members(org) if show_members else [],
        show_members=show_members,
        can_edit=can(viewer, "org.edit", org),
        can_manage=can(viewer, "org.manage_members", org),
        can_request_join=can(viewer, "org.request_join", org),
        can_leave=can(viewer, "org.leave", org),
        pending_request=membership.pending_request_of(viewer, org) is not None,
        org_events=events_queries.listed(viewer, per_page=5, organisation=org).items,
        org_resources=library_queries.list_resources(viewer, LibraryFilters(org=org.slug), per_page=5)
        if org.is_approved
        else None,
        org_threads=discussions.organisation_threads(viewer, [org.id]) if org.is_approved else None,
        following=follows.is_following(viewer, org=org),
        can_follow=can(viewer, "org.follow", org),
        can_see_training=can(viewer, "course.staff_progress", org),
        page_meta=public_meta(
            "org.view", org, org.name, org.description, "orgs.profile", kind="profile", slug=org.slug
        ),
    )


# --- Applying and editing ---------------------------------------------------------------


@bp.route("/apply", methods=["GET", "POST"])
@login_required
def apply():
    user = _actor()
    if not can(user, "org.apply"):
        return render_template("orgs/verify_first.html"), 403
    form = OrganisationForm()
    if request.method == "POST" and form.validate():
        try:
            with attempt():
                org = service.apply_for_organisation(user, form.details())
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash(f"Thank you: the application for {org.name} is with the network's admins.", "success")
            return redirect(url_for("orgs.mine"))
    status = FORM_ERROR_STATUS if request.method == "POST" else 200
    return render_template("orgs/apply.html", form=form), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    org = service.get_organisation_for(_actor(), slug, "org.edit")
    form = OrganisationForm()
    if request.method == "GET":
        load_organisation(form, org)
    elif form.validate():
        try:
            with attempt():
                service.update_organisation(_actor(), org, form.details())
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("The organisation's profile has been saved.", "success")
            return redirect(url_for("orgs.profile", slug=org.slug))
    status = FORM_ERROR_STATUS if request.method == "POST" else 200
    return render_template("orgs/edit.html", form=form, org=org), status


@bp.get("/mine")
@login_required
def mine():
    user = _actor()
    return render_template(
        "orgs/mine.html",
        memberships=membership.memberships_of(user),
        applications=service.applications_of(user),
        join_requests=membership.join_requests_of(user),
        can_apply=can(user, "org.apply"),
    )


# --- Joining ----------------------------------------------------------------------------


@bp.get("/join")
@login_required
def suggestions():
    user = _actor()
    pending = {r.organisation_id for r in membership.join_requests_of(user) if r.status == "pending"}
    return render_template(
        "orgs/suggestions.html",
        suggestions=membership.suggested_organisations(user),
        pending=pending,
        domain=user.email.rpartition("@")[2],
        verified=user.is_verified,
    )


@bp.route("/<slug>/join", methods=["GET", "POST"])
@login_required
def request_join(slug: str):
    user = _actor()
    org = service.get_organisation(user, slug)
    form = JoinRequestForm()
    if request.method == "POST":
        try:
            with attempt():
                membership.request_to_join(user, org, form.message.data or "")
        except ValidationError as error:
            form.message.errors = error.fields.get("message", [error.message])
            return render_template("orgs/join.html", org=org, form=form, can_request=True), FORM_ERROR_STATUS
        flash(f"Your request to join {org.name} has been sent to its admins.", "success")
        return redirect(url_for("orgs.profile", slug=org.slug))
    return render_template(
        "orgs/join.html",
        org=org,
        form=form,
        can_request=can(user, "org.request_join", org),
        already_member=can(user, "org.leave", org),
        pending=membership.pending_request_of(user, org) is not None,
    )


@bp.post("/<slug>/leave")
@login_required
def leave(slug: str):
    org = service.get_organisation(_actor(), slug)
    membership.leave_organisation(_actor(), org)
    flash(f"You have left {org.name}.", "success")
    return redirect(url_for("orgs.mine"))


# --- Invitations ------------------------------------------------------------------------


@bp.get("/invitations/<token>")
def invitation(token: str):
    try:
        found = membership.invitation_from_token(token)
    except ValidationError as error:
        return render_template("orgs/invitation.html", invitation=None, problem=error.message), 410
    problem = membership.invitation_problem(found)
    user = _actor()
    return render_template(
        "orgs/invitation.html",
        invitation=found,
        token=token,
        inviter=found.invited_by.name if found.invited_by else "An organisation admin",
        problem=problem,
        signed_in=user.is_authenticated,
        is_invitee=membership.is_invitee(user, found),
        next_path=request.path,
    ), (410 if problem else 200)


@bp.post("/invitations/<token>")
@login_required
def accept_invitation(token: str):
    found = membership.invitation_from_token(token)
    membership.accept_invitation(_actor(), found)
    flash(f"Welcome to {found.organisation.name}.", "success")
    return redirect(url_for("orgs.profile", slug=found.organisation.slug))


# --- Managing members (org admins) ------------------------------------------------------


@bp.route("/<slug>/members", methods=["GET", "POST"])
@login_required
def members(slug: str):
    user = _actor()
    org = service.get_organisation_for(user, slug, "org.manage_members")
    form = InviteForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                with attempt():
                    membership.invite(user, org, form.email.data, form.role.data)
            except ValidationError as error:
                form.email.errors = error.fields.get("email", [error.message])
            else:
                flash(f"An invitation has been e-mailed to {form.email.data.strip()}.", "success")
                return redirect(url_for("orgs.members", slug=org.slug))
        status = FORM_ERROR_STATUS
    return render_template(
        "orgs/members.html",
        org=org,
        form=form,
        members=service.list_members(org),
        requests=membership.pending_join_requests(org),
        invitations=membership.open_invitations(org),
        decline_form=ReasonForm(),
        org_admin_role=MemberRole.ORG_ADMIN.value,
        member_role=MemberRole.MEMBER.value,
    ), status


@bp.post("/<slug>/members/<int:user_id>/role")
@login_required
def change_role(slug: str, user_id: int):
    org = service.get_organisation_for(_actor(), slug, "org.manage_members")
    member = membership.get_member(org, user_id)
    membership.set_member_role(_actor(), member, request.form.get("role", ""))
    flash(
        f"{member.user.name} is now {'an organisation admin' if member.is_org_admin else 'a member'}.",
        "success",
    )
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/<slug>/members/<int:user_id>/remove")
@login_required
def remove_member(slug: str, user_id: int):
    org = service.get_organisation_for(_actor(), slug, "org.manage_members")
    member = membership.get_member(org, user_id)
    name = member.user.name
    membership.remove_member(_actor(), member)
    flash(f"{name} has been removed from {org.name}.", "success")
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/<slug>/requests/<int:request_id>/approve")
@login_required
def approve_request(slug: str, request_id: int):
    org = service.get_organisation_for(_actor(), slug, "org.manage_members")
    join_request = membership.get_join_request(org, request_id)
    membership.approve_join_request(_actor(), join_request)
    flash(f"{join_request.user.name} is now a member of {org.name}.", "success")
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/<slug>/requests/<int:request_id>/decline")
@login_required
def decline_request(slug: str, request_id: int):
    org = service.get_organisation_for(_actor(), slug, "org.manage_members")
    join_request = membership.get_join_request(org, request_id)
    membership.decline_join_request(_actor(), join_request, request.form.get("reason", ""))
    flash(f"The request from {join_request.user.name} has been declined.", "success")
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(slug: str, invitation_id: int):
    org = service.get_organisation_for(_actor(), slug, "org.manage_members")
    membership.revoke_invitation(_actor(), membership.get_invitation(org, invitation_id))
    flash("The invitation has been withdrawn.", "success")
    return redirect(url_for("orgs.members", slug=org.slug))
