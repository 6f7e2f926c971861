"""Contains all the data models used in inputs/outputs"""

from .actor import Actor
from .actor_type import ActorType
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
from .error_code import ErrorCode
from .error_envelope import ErrorEnvelope
from .error_envelope_error import ErrorEnvelopeError
from .field_error import FieldError
from .health import Health
from .health_status import HealthStatus
from .me import Me
from .me_auth_method import MeAuthMethod
from .member import Member
from .member_list import MemberList
from .member_role import MemberRole
from .metadata import Metadata
from .tenant import Tenant
from .tenant_create import TenantCreate
from .tenant_list import TenantList
from .tenant_update import TenantUpdate
from .user import User
from .user_create import UserCreate
from .user_list import UserList
from .user_status import UserStatus
from .user_update import UserUpdate
from .user_update_status import UserUpdateStatus

__all__ = (
    "Actor",
    "ActorType",
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
    "ErrorCode",
    "ErrorEnvelope",
    "ErrorEnvelopeError",
    "FieldError",
    "Health",
    "HealthStatus",
    "Me",
    "MeAuthMethod",
    "Member",
    "MemberList",
    "MemberRole",
    "Metadata",
    "Tenant",
    "TenantCreate",
    "TenantList",
    "TenantUpdate",
    "User",
    "UserCreate",
    "UserList",
    "UserStatus",
    "UserUpdate",
    "UserUpdateStatus",
)
