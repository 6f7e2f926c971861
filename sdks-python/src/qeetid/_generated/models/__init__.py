"""Contains all the data models used in inputs/outputs"""

from .abac_evaluate_request import AbacEvaluateRequest
from .abac_evaluation import AbacEvaluation
from .abac_evaluation_decision import AbacEvaluationDecision
from .abac_policy import AbacPolicy
from .abac_policy_create import AbacPolicyCreate
from .abac_policy_create_effect import AbacPolicyCreateEffect
from .abac_policy_effect import AbacPolicyEffect
from .abac_policy_list import AbacPolicyList
from .abac_policy_update import AbacPolicyUpdate
from .abac_policy_update_effect import AbacPolicyUpdateEffect
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
from .check_batch import CheckBatch
from .check_batch_result import CheckBatchResult
from .check_context import CheckContext
from .check_context_resource import CheckContextResource
from .check_item import CheckItem
from .check_result import CheckResult
from .check_result_explain import CheckResultExplain
from .code_confirm import CodeConfirm
from .effective_permissions import EffectivePermissions
from .email_otp_verify import EmailOtpVerify
from .email_request import EmailRequest
from .error_code import ErrorCode
from .error_envelope import ErrorEnvelope
from .error_envelope_error import ErrorEnvelopeError
from .field_error import FieldError
from .grant_path import GrantPath
from .grant_path_via import GrantPathVia
from .group import Group
from .group_create import GroupCreate
from .group_list import GroupList
from .group_member_list import GroupMemberList
from .group_member_list_items_item import GroupMemberListItemsItem
from .group_update import GroupUpdate
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
from .mfa_code import MfaCode
from .mfa_completion import MfaCompletion
from .mfa_completion_method import MfaCompletionMethod
from .mfa_enrolled import MfaEnrolled
from .mfa_factor_challenge import MfaFactorChallenge
from .mfa_factor_challenge_method import MfaFactorChallengeMethod
from .mfa_factor_challenge_options import MfaFactorChallengeOptions
from .mfa_factor_challenge_request import MfaFactorChallengeRequest
from .mfa_factor_challenge_request_method import MfaFactorChallengeRequestMethod
from .mfa_method import MfaMethod
from .otp_factor import OtpFactor
from .otp_factor_channel import OtpFactorChannel
from .otp_factor_create import OtpFactorCreate
from .otp_factor_create_channel import OtpFactorCreateChannel
from .otp_factor_list import OtpFactorList
from .otp_sent import OtpSent
from .passkey import Passkey
from .passkey_assertion_finish import PasskeyAssertionFinish
from .passkey_creation_options import PasskeyCreationOptions
from .passkey_creation_options_options import PasskeyCreationOptionsOptions
from .passkey_creation_options_options_pub_key_cred_params_item import (
    PasskeyCreationOptionsOptionsPubKeyCredParamsItem,
)
from .passkey_creation_options_options_rp import PasskeyCreationOptionsOptionsRp
from .passkey_creation_options_options_user import PasskeyCreationOptionsOptionsUser
from .passkey_list import PasskeyList
from .passkey_login_begin import PasskeyLoginBegin
from .passkey_registration_finish import PasskeyRegistrationFinish
from .passkey_rename import PasskeyRename
from .passkey_request_options import PasskeyRequestOptions
from .passkey_request_options_options import PasskeyRequestOptionsOptions
from .passkey_request_options_options_allow_credentials_item import (
    PasskeyRequestOptionsOptionsAllowCredentialsItem,
)
from .passkey_signup_begin import PasskeySignupBegin
from .password_change import PasswordChange
from .password_reset import PasswordReset
from .password_status import PasswordStatus
from .permission_catalogue import PermissionCatalogue
from .permission_catalogue_items_item import PermissionCatalogueItemsItem
from .permission_catalogue_items_item_source import PermissionCatalogueItemsItemSource
from .personal_access_token import PersonalAccessToken
from .personal_access_token_create import PersonalAccessTokenCreate
from .personal_access_token_list import PersonalAccessTokenList
from .personal_access_token_with_secret import PersonalAccessTokenWithSecret
from .policy_outcome import PolicyOutcome
from .policy_outcome_result_type_1 import PolicyOutcomeResultType1
from .policy_ref import PolicyRef
from .policy_ref_effect import PolicyRefEffect
from .recovery_code_status import RecoveryCodeStatus
from .recovery_codes import RecoveryCodes
from .ref_with_name import RefWithName
from .refresh_request import RefreshRequest
from .role import Role
from .role_create import RoleCreate
from .role_list import RoleList
from .role_permissions import RolePermissions
from .role_update import RoleUpdate
from .security_policy import SecurityPolicy
from .session import Session
from .session_list import SessionList
from .sessions_revoked import SessionsRevoked
from .sign_in_start import SignInStart
from .signing_key import SigningKey
from .signing_key_alg import SigningKeyAlg
from .signing_key_list import SigningKeyList
from .signing_key_status import SigningKeyStatus
from .signup_request import SignupRequest
from .step_up_hint import StepUpHint
from .step_up_status import StepUpStatus
from .switch_tenant_request import SwitchTenantRequest
from .tenant import Tenant
from .tenant_create import TenantCreate
from .tenant_list import TenantList
from .tenant_update import TenantUpdate
from .token_consume import TokenConsume
from .token_pair import TokenPair
from .token_pair_token_type import TokenPairTokenType
from .totp_enrollment import TotpEnrollment
from .totp_status import TotpStatus
from .user import User
from .user_create import UserCreate
from .user_list import UserList
from .user_mfa_requirement import UserMfaRequirement
from .user_status import UserStatus
from .user_update import UserUpdate
from .user_update_status import UserUpdateStatus
from .webauthn_credential_json import WebauthnCredentialJSON
from .webauthn_credential_json_client_extension_results import (
    WebauthnCredentialJSONClientExtensionResults,
)
from .webauthn_credential_json_response import WebauthnCredentialJSONResponse
from .webauthn_credential_json_type import WebauthnCredentialJSONType

__all__ = (
    "AbacEvaluateRequest",
    "AbacEvaluation",
    "AbacEvaluationDecision",
    "AbacPolicy",
    "AbacPolicyCreate",
    "AbacPolicyCreateEffect",
    "AbacPolicyEffect",
    "AbacPolicyList",
    "AbacPolicyUpdate",
    "AbacPolicyUpdateEffect",
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
    "CheckBatch",
    "CheckBatchResult",
    "CheckContext",
    "CheckContextResource",
    "CheckItem",
    "CheckResult",
    "CheckResultExplain",
    "CodeConfirm",
    "EffectivePermissions",
    "EmailOtpVerify",
    "EmailRequest",
    "ErrorCode",
    "ErrorEnvelope",
    "ErrorEnvelopeError",
    "FieldError",
    "GrantPath",
    "GrantPathVia",
    "Group",
    "GroupCreate",
    "GroupList",
    "GroupMemberList",
    "GroupMemberListItemsItem",
    "GroupUpdate",
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
    "MfaCode",
    "MfaCompletion",
    "MfaCompletionMethod",
    "MfaEnrolled",
    "MfaFactorChallenge",
    "MfaFactorChallengeMethod",
    "MfaFactorChallengeOptions",
    "MfaFactorChallengeRequest",
    "MfaFactorChallengeRequestMethod",
    "MfaMethod",
    "OtpFactor",
    "OtpFactorChannel",
    "OtpFactorCreate",
    "OtpFactorCreateChannel",
    "OtpFactorList",
    "OtpSent",
    "Passkey",
    "PasskeyAssertionFinish",
    "PasskeyCreationOptions",
    "PasskeyCreationOptionsOptions",
    "PasskeyCreationOptionsOptionsPubKeyCredParamsItem",
    "PasskeyCreationOptionsOptionsRp",
    "PasskeyCreationOptionsOptionsUser",
    "PasskeyList",
    "PasskeyLoginBegin",
    "PasskeyRegistrationFinish",
    "PasskeyRename",
    "PasskeyRequestOptions",
    "PasskeyRequestOptionsOptions",
    "PasskeyRequestOptionsOptionsAllowCredentialsItem",
    "PasskeySignupBegin",
    "PasswordChange",
    "PasswordReset",
    "PasswordStatus",
    "PermissionCatalogue",
    "PermissionCatalogueItemsItem",
    "PermissionCatalogueItemsItemSource",
    "PersonalAccessToken",
    "PersonalAccessTokenCreate",
    "PersonalAccessTokenList",
    "PersonalAccessTokenWithSecret",
    "PolicyOutcome",
    "PolicyOutcomeResultType1",
    "PolicyRef",
    "PolicyRefEffect",
    "RecoveryCodeStatus",
    "RecoveryCodes",
    "RefWithName",
    "RefreshRequest",
    "Role",
    "RoleCreate",
    "RoleList",
    "RolePermissions",
    "RoleUpdate",
    "SecurityPolicy",
    "Session",
    "SessionList",
    "SessionsRevoked",
    "SignInStart",
    "SigningKey",
    "SigningKeyAlg",
    "SigningKeyList",
    "SigningKeyStatus",
    "SignupRequest",
    "StepUpHint",
    "StepUpStatus",
    "SwitchTenantRequest",
    "Tenant",
    "TenantCreate",
    "TenantList",
    "TenantUpdate",
    "TokenConsume",
    "TokenPair",
    "TokenPairTokenType",
    "TotpEnrollment",
    "TotpStatus",
    "User",
    "UserCreate",
    "UserList",
    "UserMfaRequirement",
    "UserStatus",
    "UserUpdate",
    "UserUpdateStatus",
    "WebauthnCredentialJSON",
    "WebauthnCredentialJSONClientExtensionResults",
    "WebauthnCredentialJSONResponse",
    "WebauthnCredentialJSONType",
)
