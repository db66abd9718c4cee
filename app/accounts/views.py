"""Account pages: register and verify, sign in and out, password reset, settings, profiles.

Thin: parse the form, call the service, then sign in or out and redirect (the request's unit
of work commits). Links that
arrive by e-mail open a page with a button; only the POST behind it changes anything.
"""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from ..errors import ValidationError
from ..extensions import login_manager
from ..form_errors import FORM_ERROR_STATUS, form_status, show_errors
from ..unit_of_work import attempt
from . import service
from .forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ConfirmForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from .limits import (
    REGISTER_PER_IP,
    RESEND_VERIFICATION_PER_IP,
    RESET_PASSWORD_PER_IP,
    RESET_REQUEST_PER_IP,
    SETTINGS_PER_IP,
    per_ip,
    signin_limits,
)
from .models import User
from .redirects import safe_next_url
from .session import session_started_now

bp = Blueprint("accounts", __name__)


@bp.app_context_processor
def verification_banner() -> dict[str, bool]:
    """Signed-in users who have not confirmed their address see a reminder on every page."""
    return {"show_verify_banner": bool(current_user.is_authenticated and not current_user.is_verified)}


# --- Helpers ----------------------------------------------------------------------------------


def _next_url() -> str | None:
    return safe_next_url(request.values.get("next"))


def _start_session(user: User, *, remember: bool = False) -> None:
    """Sign ``user`` in on a brand-new session: nothing set before survives (docs/SECURITY.md 5)."""
    session.clear()
    login_user(user, remember=remember)
    session_started_now()


def _no_referrer(response: Response) -> Response:
    """Pages whose URL carries a token must not leak it through Referer, nor stay in a cache."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(template: str, status: int = 200, **context: object) -> Response:
    return make_response(render_template(template, **context), status)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%d %B %Y at %H:%M UTC") if moment else ""


def _link_invalid(kind: str) -> Response:
    return _no_referrer(_page("accounts/link_invalid.html", 404, kind=kind))


# --- Registration and verification ---------------------------------------------------------


@bp.route("/auth/register", methods=["GET", "POST"])
@per_ip(REGISTER_PER_IP)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if not form.is_submitted() and request.args.get("email"):
        form.email.data = request.args["email"][:254]  # e.g. from an invitation's link
    if form.validate_on_submit():
        try:
            with attempt():
                user = service.register_user(
                    form.name.data, form.email.data, form.password.data, ip=request.remote_addr
                )
        except ValidationError as error:
            show_errors(form, error)
        else:
            _start_session(user)
            flash(
                f"Welcome, {user.name}. We sent a link to {user.email}: open it to confirm your address.",
                "success",
            )
            return redirect(_next_url() or url_for("main.home"))
    return _page("accounts/register.html", form_status(form), form=form, next_url=_next_url())


@bp.route("/auth/verify/<token>", methods=["GET", "POST"])
def verify_email(token: str):
    form = ConfirmForm()
    if service.user_for_verification(token) is None:
        return _link_invalid("verify")
    if form.validate_on_submit():
        service.verify_email(token)
        flash("Thank you: your email address is confirmed.", "success")
        return redirect(url_for("main.home"))
    return _no_referrer(_page("accounts/verify_email.html", form=form))


@bp.post("/auth/verify/resend")
@login_required
@per_ip(RESEND_VERIFICATION_PER_IP)
def resend_verification():
    form = ConfirmForm()
    if form.validate_on_submit():
        if service.resend_verification(current_user._get_current_object()):
            flash(f"We sent a new link to {current_user.email}.", "success")
        else:
            flash("Your email address is already confirmed.", "info")
    return redirect(_next_url() or url_for("accounts.settings"))


# --- Signing in and out ---------------------------------------------------------------------


@bp.route("/auth/login", methods=["GET", "POST"])
@signin_limits
def login():
    if current_user.is_authenticated:
        return redirect(_next_url() or url_for("main.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return _page("accounts/login.html", form_status(form), form=form, next_url=_next_url())
    try:
        user = service.authenticate(form.email.data, form.password.data)
    except service.InvalidCredentials as error:
        form.form_errors.append(error.message)
        return _page("accounts/login.html", FORM_ERROR_STATUS, form=form, next_url=_next_url())
    except service.AccountSuspended as error:
        return _page("accounts/suspended.html", error.status_code, reason=error.reason, until=_when(error.until))
    _start_session(user, remember=bool(form.remember.data))
    service.record_sign_in(user)
    return redirect(_next_url() or url_for("main.home"))


@bp.post("/auth/logout")
def logout():
    if current_user.is_authenticated:
        service.sign_out(current_user._get_current_object())
    session.clear()
    logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("main.home"))


# --- Password reset --------------------------------------------------------------------------


@bp.route("/auth/reset", methods=["GET", "POST"])
@per_ip(RESET_REQUEST_PER_IP)
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        service.request_password_reset(form.email.data)
        return _no_referrer(_page("accounts/reset_sent.html"))
    return _no_referrer(_page("accounts/reset_request.html", form_status(form), form=form))


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@per_ip(RESET_PASSWORD_PER_IP)
def reset_password(token: str):
    if service.user_for_reset(token) is None:
        return _link_invalid("reset")
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            with attempt():
                service.reset_password(token, form.password.data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("Your password has been changed. Please sign in with your new password.", "success")
            return redirect(url_for("accounts.login"))
    return _no_referrer(_page("accounts/reset_password.html", form_status(form), form=form))


# --- Settings ---------------------------------------------------------------------------------


def _settings_page(status: int = 200, **forms) -> Response:
    user = current_user._get_current_object()
    context = {
        "profile_form": forms.get("profile_form") or ProfileForm(formdata=None, obj=user),
        "password_form": forms.get("password_form") or ChangePasswordForm(formdata=None, prefix="pw"),
        "email_form": forms.get("email_form") or ChangeEmailForm(formdata=None, prefix="em"),
        "email": user.email,
        "is_verified": user.is_verified,
    }
    return _page("accounts/settings.html", status, **context)


@bp.route("/account/settings", methods=["GET", "POST"])
@login_required
def settings():
    if request.method == "GET":
        return _settings_page()
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    if form.validate():
        try:
            with attempt():
                service.update_profile(
                    user,
                    name=form.name.data,
                    job_title=form.job_title.data,
                    bio=form.bio.data,
                    email_notifications=form.email_notifications.data,
                )
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("Your profile is saved.", "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(FORM_ERROR_STATUS, profile_form=form)


@bp.post("/account/password")
@login_required
@per_ip(SETTINGS_PER_IP)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(prefix="pw")
    if form.validate():
        try:
            with attempt():
                service.change_password(user, form.current_password.data, form.new_password.data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Every other session has ended; this one carries on under the new session version.
            cookie_name = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
            login_user(user, remember=cookie_name in request.cookies)
            flash("Your password has been changed. Every other session has been signed out.", "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(FORM_ERROR_STATUS, password_form=form)


@bp.post("/account/email")
@login_required
@per_ip(SETTINGS_PER_IP)
def change_email():
    user = current_user._get_current_object()
    form = ChangeEmailForm(prefix="em")
    if form.validate():
        try:
            with attempt():
                new_email = service.request_email_change(user, form.current_password.data, form.new_email.data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash(f"We sent a link to {new_email}. Your address changes when you open it.", "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(FORM_ERROR_STATUS, email_form=form)


@bp.route("/account/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    found = service.email_change_for(token)
    if found is None:
        return _link_invalid("email")
    form = ConfirmForm()
    if form.validate_on_submit():
        service.confirm_email_change(token)
        flash("Your email address has been changed.", "success")
        return redirect(url_for("accounts.settings") if current_user.is_authenticated else url_for("main.home"))
    return _no_referrer(_page("accounts/confirm_email_change.html", form=form, new_email=found[1]))


# --- Profiles -----------------------------------------------------------------------------------


@bp.get("/users/<int:user_id>")
def profile(user_id: int):
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    user = service.get_profile(current_user, user_id)
    organisations = [{"name": org.name, "slug": org.slug} for org in service.profile_organisations(user)]
    return _page(
        "accounts/profile.html",
        name=user.name,
        job_title=user.job_title,
        bio=user.bio,
        organisations=organisations,
        is_self=user.id == current_user.id,
    )
