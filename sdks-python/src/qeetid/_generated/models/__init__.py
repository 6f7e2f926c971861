"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .actor import Actor
from .actor_type import ActorType
from .admin_password_set import AdminPasswordSet
from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_list import ApiKeyList
from .api_key_with_secret import ApiKeyWithSecret
from .audit_event import AuditEvent
from .audit_event_list import AuditEventList
from .audit_event_metadata import AuditEventMetadata
from .audit_event_target import AuditEventTarget
from .audit_verification import AuditVerification
from .audit_verification_broken_at import AuditVerificationBrokenAt
from .audit_verification_head_type_0 import AuditVerificationHeadType0
from .auth_policy import AuthPolicy
from .auth_policy_password_breach_check import AuthPolicyPasswordBreachCheck
from .auth_policy_update import AuthPolicyUpdate
from .auth_policy_update_password_breach_check import (
    AuthPolicyUpdatePasswordBreachCheck,
)
from .code_confirm import CodeConfirm
from .email_otp_verify import EmailOtpVerify
from .email_request import EmailRequest
from .error_code import ErrorCode
from .error_envelope import ErrorEnvelope
from .error_envelope_error import ErrorEnvelopeError
from .field_error import FieldError
from .health import Health
from .health_status import HealthStatus
from .jwk import Jwk
from .jwk_alg import JwkAlg
from .jwk_crv import JwkCrv
from .jwk_kty import JwkKty
from .jwk_use import JwkUse
from .jwks import Jwks
from .login_method import LoginMethod
from .login_request import LoginRequest
from .me import Me
from .me_auth_method import MeAuthMethod
from .member import Member
from .member_list import MemberList
from .member_role import MemberRole
from .metadata import Metadata
from .mfa_challenge import MfaChallenge
from .password_change import PasswordChange
from .password_reset import PasswordReset
from .password_status import PasswordStatus
from .personal_access_token import PersonalAccessToken
from .personal_access_token_create import PersonalAccessTokenCreate
from .personal_access_token_list import PersonalAccessTokenList
from .personal_access_token_with_secret import PersonalAccessTokenWithSecret
from .refresh_request import RefreshRequest
from .session import Session
from .session_list import SessionList
from .sessions_revoked import SessionsRevoked
from .sign_in_start import SignInStart
from .signing_key import SigningKey
from .signing_key_alg import SigningKeyAlg
from .signing_key_list import SigningKeyList
from .signing_key_status import SigningKeyStatus
from .signup_request import SignupRequest
from .switch_tenant_request import SwitchTenantRequest
from .tenant import Tenant
from .tenant_create import TenantCreate
from .tenant_list import TenantList
from .tenant_update import TenantUpdate
from .token_consume import TokenConsume
from .token_pair import TokenPair
from .token_pair_token_type import TokenPairTokenType
from .user import User
from .user_create import UserCreate
from .user_list import UserList
from .user_status import UserStatus
from .user_update import UserUpdate
from .user_update_status import UserUpdateStatus

__all__ = (
    "Accepted",
    "Actor",
    "ActorType",
    "AdminPasswordSet",
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyList",
    "ApiKeyWithSecret",
    "AuditEvent",
    "AuditEventList",
    "AuditEventMetadata",
    "AuditEventTarget",
    "AuditVerification",
    "AuditVerificationBrokenAt",
    "AuditVerificationHeadType0",
    "AuthPolicy",
    "AuthPolicyPasswordBreachCheck",
    "AuthPolicyUpdate",
    "AuthPolicyUpdatePasswordBreachCheck",
    "CodeConfirm",
    "EmailOtpVerify",
    "EmailRequest",
    "ErrorCode",
    "ErrorEnvelope",
    "ErrorEnvelopeError",
    "FieldError",
    "Health",
    "HealthStatus",
    "Jwk",
    "JwkAlg",
    "JwkCrv",
    "JwkKty",
    "JwkUse",
    "Jwks",
    "LoginMethod",
    "LoginRequest",
    "Me",
    "MeAuthMethod",
    "Member",
    "MemberList",
    "MemberRole",
    "Metadata",
    "MfaChallenge",
    "PasswordChange",
    "PasswordReset",
    "PasswordStatus",
    "PersonalAccessToken",
    "PersonalAccessTokenCreate",
    "PersonalAccessTokenList",
    "PersonalAccessTokenWithSecret",
    "RefreshRequest",
    "Session",
    "SessionList",
    "SessionsRevoked",
    "SignInStart",
    "SigningKey",
    "SigningKeyAlg",
    "SigningKeyList",
    "SigningKeyStatus",
    "SignupRequest",
    "SwitchTenantRequest",
    "Tenant",
    "TenantCreate",
    "TenantList",
    "TenantUpdate",
    "TokenConsume",
    "TokenPair",
    "TokenPairTokenType",
    "User",
    "UserCreate",
    "UserList",
    "UserStatus",
    "UserUpdate",
    "UserUpdateStatus",
)
