from enum import StrEnum


class MfaCompletionMethod(StrEnum):
    OTP = "otp"
    RECOVERY_CODE = "recovery_code"
    TOTP = "totp"
    WEBAUTHN = "webauthn"

    def __str__(self) -> str:
        return str(self.value)
