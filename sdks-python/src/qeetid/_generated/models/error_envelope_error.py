from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.step_up_hint import StepUpHint


T = TypeVar("T", bound="ErrorEnvelopeError")


@_attrs_define
class ErrorEnvelopeError:
    """
    Attributes:
        code (ErrorCode): Stable, machine-readable error codes.
        message (str):
        request_id (str):
        fields (list[FieldError] | Unset):
        step_up (StepUpHint | Unset):
    """

    code: ErrorCode
    message: str
    request_id: str
    fields: list[FieldError] | Unset = UNSET
    step_up: StepUpHint | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        request_id = self.request_id

        fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = []
            for fields_item_data in self.fields:
                fields_item = fields_item_data.to_dict()
                fields.append(fields_item)

        step_up: dict[str, Any] | Unset = UNSET
        if not isinstance(self.step_up, Unset):
            step_up = self.step_up.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "message": message,
                "request_id": request_id,
            }
        )
        if fields is not UNSET:
            field_dict["fields"] = fields
        if step_up is not UNSET:
            field_dict["step_up"] = step_up

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_error import FieldError
        from ..models.step_up_hint import StepUpHint

        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        message = d.pop("message")

        request_id = d.pop("request_id")

        _fields = d.pop("fields", UNSET)
        fields: list[FieldError] | Unset = UNSET
        if _fields is not UNSET:
            fields = []
            for fields_item_data in _fields:
                fields_item = FieldError.from_dict(fields_item_data)

                fields.append(fields_item)

        _step_up = d.pop("step_up", UNSET)
        step_up: StepUpHint | Unset
        if isinstance(_step_up, Unset):
            step_up = UNSET
        else:
            step_up = StepUpHint.from_dict(_step_up)

        error_envelope_error = cls(
            code=code,
            message=message,
            request_id=request_id,
            fields=fields,
            step_up=step_up,
        )

        return error_envelope_error
