from enum import StrEnum


class MeAuthMethod(StrEnum):
    ACCESS_TOKEN = "access_token"
    API_KEY = "api_key"
    PERSONAL_ACCESS_TOKEN = "personal_access_token"

    def __str__(self) -> str:
        return str(self.value)
