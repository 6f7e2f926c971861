from enum import StrEnum


class PermissionCatalogueItemsItemSource(StrEnum):
    BUILTIN = "builtin"
    TENANT = "tenant"

    def __str__(self) -> str:
        return str(self.value)
