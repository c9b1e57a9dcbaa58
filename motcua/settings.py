"""Settings, read from the environment (see README "Configuration")."""

import datetime
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: one key per checkout, kept so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [PUBLIC_BASE_URL]
# Reverse proxies whose X-Forwarded-For we believe (addresses or CIDR networks).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
# Public lookup: wrong "last 4 digits" guesses per dossier before it locks, and requests per client.
LOOKUP_MAX_GUESSES = int(os.environ.get("LOOKUP_MAX_GUESSES", "5"))
LOOKUP_LOCK_MINUTES = int(os.environ.get("LOOKUP_LOCK_MINUTES", "60"))
LOOKUP_RATE_PER_MINUTE = int(os.environ.get("LOOKUP_RATE_PER_MINUTE", "30"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # Listed so that the API docs page serves its bundled Swagger UI instead of a CDN copy.
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "motcua.core",
    "motcua.directory",
    "motcua.worktime",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.notifications",
    "motcua.payments",
    "motcua.paysandbox",
    "motcua.portal",
    "motcua.vneidsandbox",
    "motcua.reports",
    "motcua.ratings",
    "motcua.demo",
    # Citizens' accounts (django-allauth; after the project's apps so that their templates win).
    "motcua.citizens",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the request: PostgreSQL cannot store a NUL character.
    "motcua.core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "motcua.directory.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # request.open_counter(): the counter a desk officer sits at (lazy; for the walk-in page).
    "motcua.ratings.middleware.OpenCounterMiddleware",
    "motcua.core.api.JsonApiErrorsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.portal.context.portal",
                "motcua.core.context.languages",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Concurrent writers queue on the write lock instead of failing with "database is locked":
        # BEGIN IMMEDIATE takes the lock up front and the busy timeout makes others wait for it.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
        # Tests get a file, not Django's shared-cache in-memory database: in shared-cache mode a
        # thread that writes while another reads fails at once with "table is locked" (the busy
        # timeout does not apply), which no real deployment does. One file per process so two
        # runs in one checkout do not clobber each other.
        config["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    else:
        config.setdefault("OPTIONS", {})
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "directory.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sign-in security: argon2 hashes (older hashes are upgraded at the next sign-in), lockout after
# repeated failures (django-axes), TOTP two-factor for leaders and administrators (django-otp).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Citizens: email or phone + password, their accounts only (officials keep the username door).
    "motcua.citizens.backends.CitizenAuthenticationBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "motcua.core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "motcua.directory.lockout.lockout_response"
AXES_VERBOSE = False
# Officials fail on their username, citizens on their email or phone (one counter per account).
AXES_USERNAME_CALLABLE = "motcua.citizens.lockout.lockout_username"
# Roles whose accounts must pass a TOTP second factor (and enrol one at first sign-in).
TWO_FACTOR_ROLES = env_list(
    "TWO_FACTOR_ROLES", "head_of_division,agency_leader,agency_admin,province_admin"
)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Motcua")
# Signed-in sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "motcua.core.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Each language in its own name, shown untranslated in the menu (core/context.py).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "motcua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded scans and results: the local media folder by default; an S3-compatible object store
# (MinIO, Viettel/VNPT/FPT object storage) when S3_BUCKET is set (pip install 'motcua[s3]').
_DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("S3_BUCKET"):
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY", ""),
            "secret_key": os.environ.get("S3_SECRET_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "/dang-nhap/"

# Online submission limits (per file, per dossier); content is checked, not names.
PORTAL_MAX_FILE_BYTES = int(os.environ.get("PORTAL_MAX_FILE_BYTES", 10 * 1024 * 1024))
PORTAL_MAX_DOSSIER_BYTES = int(os.environ.get("PORTAL_MAX_DOSSIER_BYTES", 50 * 1024 * 1024))
PORTAL_MAX_FILES = int(os.environ.get("PORTAL_MAX_FILES", 30))
LOGIN_REDIRECT_URL = "/"

# Citizens' accounts on the portal (django-allauth under /tai-khoan/): VNeID, the national electronic
# identity, as an OpenID Connect provider first; local accounts (email or mobile + password) unless the
# province switches them off. VNeID is offered only when its server URL and client id are set.
CITIZEN_LOCAL_ACCOUNTS = env_bool("CITIZEN_LOCAL_ACCOUNTS", True)
CITIZEN_LOGIN_REDIRECT_URL = os.environ.get("CITIZEN_LOGIN_REDIRECT_URL", "/ca-nhan/ho-so/")
VNEID_SERVER_URL = os.environ.get("VNEID_SERVER_URL", "").rstrip("/")
VNEID_CLIENT_ID = os.environ.get("VNEID_CLIENT_ID", "")
VNEID_CLIENT_SECRET = os.environ.get("VNEID_CLIENT_SECRET", "")
# `make run` turns on a local VNeID stand-in (never with DEBUG off) when no real VNeID is configured.
VNEID_SANDBOX_ENABLED = DEBUG and env_bool("VNEID_SANDBOX_ENABLED", False)
if VNEID_SANDBOX_ENABLED and not VNEID_SERVER_URL:
    VNEID_SERVER_URL = PUBLIC_BASE_URL + "/vneid-sandbox"
    VNEID_CLIENT_ID, VNEID_CLIENT_SECRET = "motcua-sandbox", "sandbox-secret"
VNEID_SCOPE = env_list("VNEID_SCOPE", "openid,profile,phone,email")
# Claims that may carry the personal identification number (the first present wins).
VNEID_ID_NUMBER_CLAIMS = env_list(
    "VNEID_ID_NUMBER_CLAIMS", "identification_number,personal_identification_number,id_number,citizen_id"
)
ACCOUNT_ADAPTER = "motcua.citizens.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "motcua.citizens.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email", "phone", "password1*", "password2*"]
# Email verification is mandatory for every account that has an email address (the citizens' login stage
# upgrades allauth's "optional"); an account opened with a mobile number only is verified by SMS instead.
# allauth's check wants one required login field; the sign-up form requires email or phone itself.
ACCOUNT_EMAIL_VERIFICATION = "optional"
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = False  # public computers at service centres; sessions still end when idle
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Motcua] "
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
# django-axes is the one lockout for citizens and officials alike (AXES_FAILURE_LIMIT per account and client).
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_FORMS = {
    "login": "motcua.citizens.forms.CitizenLoginForm",
    "signup": "motcua.citizens.forms.CitizenSignupForm",
    "reset_password": "motcua.citizens.forms.CitizenResetPasswordForm",
    "reset_password_from_key": "motcua.citizens.forms.CitizenResetPasswordKeyForm",
    "verify_phone": "motcua.citizens.forms.CitizenVerifyPhoneForm",
}
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never join a VNeID identity to an account by email address
SOCIALACCOUNT_QUERY_EMAIL = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = int(os.environ.get("VNEID_TIMEOUT_SECONDS", "10"))
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"provider_class": "motcua.citizens.vneid.VNeIDProvider"}}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Fee payment through VNPay 2.1.0. Empty code/secret: the built-in test merchant shared with the
# local sandbox (DEBUG only); empty URLs: the sandbox under PUBLIC_BASE_URL.
VNPAY_TMN_CODE = os.environ.get("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = os.environ.get("VNPAY_HASH_SECRET", "")
VNPAY_PAY_URL = os.environ.get("VNPAY_PAY_URL", "")
VNPAY_API_URL = os.environ.get("VNPAY_API_URL", "")
PAYMENT_EXPIRE_MINUTES = int(os.environ.get("PAYMENT_EXPIRE_MINUTES", "15"))
PAYSANDBOX_ENABLED = env_bool("PAYSANDBOX_ENABLED", DEBUG)
PAYSANDBOX_IPN_URL = os.environ.get("PAYSANDBOX_IPN_URL", "")

# Citizens' ratings of the officials at the desk (the 2017 decision's pilot first).
RATINGS_ALL_PROCEDURES = env_bool("RATINGS_ALL_PROCEDURES", False)
RATINGS_PROMPT_MINUTES = int(os.environ.get("RATINGS_PROMPT_MINUTES", "5"))
RATINGS_QR_DAYS = int(os.environ.get("RATINGS_QR_DAYS", "30"))
RATINGS_PAIRING_HOURS = int(os.environ.get("RATINGS_PAIRING_HOURS", "24"))
RATINGS_DEVICE_RATE_PER_MINUTE = int(os.environ.get("RATINGS_DEVICE_RATE_PER_MINUTE", "6"))
RATINGS_DEVICE_POLL_PER_MINUTE = int(os.environ.get("RATINGS_DEVICE_POLL_PER_MINUTE", "90"))
RATINGS_IP_RATE_PER_MINUTE = int(os.environ.get("RATINGS_IP_RATE_PER_MINUTE", "20"))

# Notifications (dispatched from the outbox: Celery on Redis in production, `run_dispatcher` embedded).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Motcua <no-reply@motcua.local>")
NOTIFICATIONS_MESSAGE_ID_DOMAIN = os.environ.get("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "motcua.local")
NOTIFICATIONS_SMS_BACKEND = os.environ.get("SMS_BACKEND", "motcua.notifications.channels.ConsoleSms")
NOTIFICATIONS_SMS_URL = os.environ.get("SMS_GATEWAY_URL", "")
NOTIFICATIONS_SMS_USERNAME = os.environ.get("SMS_GATEWAY_USERNAME", "")
NOTIFICATIONS_SMS_PASSWORD = os.environ.get("SMS_GATEWAY_PASSWORD", "")
NOTIFICATIONS_SMS_API_KEY = os.environ.get("SMS_GATEWAY_API_KEY", "")
NOTIFICATIONS_SMS_BRAND = os.environ.get("SMS_BRAND_NAME", "")
NOTIFICATIONS_SMS_UNICODE = env_bool("SMS_UNICODE", True)
NOTIFICATIONS_SMS_TIMEOUT = int(os.environ.get("SMS_GATEWAY_TIMEOUT", "10"))
NOTIFICATIONS_BATCH = int(os.environ.get("NOTIFICATIONS_BATCH", "50"))
NOTIFICATIONS_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATIONS_MAX_ATTEMPTS", "8"))
NOTIFICATIONS_BACKOFF_SECONDS = int(os.environ.get("NOTIFICATIONS_BACKOFF_SECONDS", "60"))
NOTIFICATIONS_BACKOFF_CAP_SECONDS = int(os.environ.get("NOTIFICATIONS_BACKOFF_CAP_SECONDS", "3600"))
NOTIFICATIONS_SENDING_TIMEOUT_SECONDS = int(os.environ.get("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", "600"))
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
NOTIFICATIONS_CELERY_KICK = env_bool("NOTIFICATIONS_CELERY_KICK", bool(CELERY_BROKER_URL))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# The citizens' sign-in form and the payment start form answer with a redirect to VNeID or VNPay, and
# CSP's form-action also governs where that redirect may go. Another host (VNeID's authorization
# endpoint may live elsewhere than its issuer) goes in CSP_FORM_ACTION_EXTRA.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
    {o for o in (_origin(VNEID_SERVER_URL), _origin(VNPAY_PAY_URL), *env_list("CSP_FORM_ACTION_EXTRA", ""))
     if o and o != _origin(PUBLIC_BASE_URL)}
)
