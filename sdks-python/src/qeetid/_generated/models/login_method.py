from enum import StrEnum


class LoginMethod(StrEnum):
    EMAIL_OTP = "email_otp"
    MAGIC_LINK = "magic_link"
    PASSKEY = "passkey"
    PASSWORD = "password"

    def __str__(self) -> str:
        return str(self.value)
