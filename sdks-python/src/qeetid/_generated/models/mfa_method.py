from enum import StrEnum


class MfaMethod(StrEnum):
    OTP = "otp"
    RECOVERY_CODE = "recovery_code"
    TOTP = "totp"
    TOTP_ENROLLMENT = "totp_enrollment"
    WEBAUTHN = "webauthn"

    def __str__(self) -> str:
        return str(self.value)
