"""Every model module, imported once so SQLAlchemy's metadata and Alembic see all tables.

Each domain adds its ``models`` module here.
"""

from . import audit, site_settings  # noqa: F401
from .accounts import models as accounts_models  # noqa: F401
from .api import models as api_models  # noqa: F401
from .content_requests import models as content_requests_models  # noqa: F401
from .courses import models as courses_models  # noqa: F401
from .directory import models as directory_models  # noqa: F401
from .discussions import models as discussions_models  # noqa: F401
from .events import models as events_models  # noqa: F401
from .experts import models as experts_models  # noqa: F401
from .jobs import models as jobs_models  # noqa: F401
from .library import models as library_models  # noqa: F401
from .library import pending_edits as library_pending_edits  # noqa: F401
from .mail import models as mail_models  # noqa: F401
from .moderation import models as moderation_models  # noqa: F401
from .news import models as news_models  # noqa: F401
from .notifications import models as notifications_models  # noqa: F401
from .orgs import models as orgs_models  # noqa: F401
from .search import models as search_models  # noqa: F401
from .worker import models as worker_models  # noqa: F401
