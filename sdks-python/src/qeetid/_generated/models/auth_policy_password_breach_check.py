from enum import StrEnum


class AuthPolicyPasswordBreachCheck(StrEnum):
    OFF = "off"
    OFFLINE = "offline"
    ONLINE = "online"

    def __str__(self) -> str:
        return str(self.value)
