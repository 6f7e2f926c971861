from enum import StrEnum


class MfaFactorChallengeMethod(StrEnum):
    OTP = "otp"
    TOTP_ENROLLMENT = "totp_enrollment"
    WEBAUTHN = "webauthn"

    def __str__(self) -> str:
        return str(self.value)
