from enum import StrEnum


class MfaFactorChallengeRequestMethod(StrEnum):
    OTP = "otp"
    TOTP_ENROLLMENT = "totp_enrollment"
    WEBAUTHN = "webauthn"

    def __str__(self) -> str:
        return str(self.value)
