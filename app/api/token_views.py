"""``/account/tokens``: a member's personal access tokens: list, make (shown once), revoke."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..errors import ValidationError
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..permissions import require
from . import tokens
from .forms import TokenForm

tokens_bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


def _page(form: TokenForm, status: int = 200, new_secret: str | None = None):
    return (
        render_template("api/tokens.html", form=form, tokens=tokens.tokens_of(current_user), new_secret=new_secret),
        status,
    )


@tokens_bp.get("")
@login_required
def index():
    require(current_user, "api_token.create")
    return _page(TokenForm())


@tokens_bp.post("")
@login_required
def create():
    form = TokenForm()
    if not form.validate():
        return _page(form, FORM_ERROR_STATUS)
    try:
        made = tokens.create_token(current_user, form.name.data or "", form.scope.data or "")
    except ValidationError as error:
        show_errors(form, error)
        return _page(form, FORM_ERROR_STATUS)
    # Rendered, not redirected: the token is in this one answer (never stored, never in a URL).
    return _page(TokenForm(formdata=None), 201, new_secret=made.secret)


@tokens_bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    token = tokens.get_token(current_user, token_id)
    tokens.revoke_token(current_user, token)
    flash(f"Token “{token.name}” revoked: programs using it are refused from now on.", "success")
    return redirect(url_for("tokens.index"))
