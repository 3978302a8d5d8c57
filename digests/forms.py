"""The digest schedule form of the head of office."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cmcoord.core.access import Action, ceiling
from cmcoord.core.choices import Standing
from cmcoord.core.forms import OperationBoundForm

from . import sections
from .choices import AUDIENCE_STANDING, Audience
from .models import DigestSchedule, split_addresses

MAX_EXTRA_ADDRESSES = 50


def section_choices():
    return [(section.key, section.title) for section in sections.available()]


class DigestScheduleForm(OperationBoundForm):
    recipient_roles = forms.MultipleChoiceField(
        label=_("Recipients by role"),
        choices=Standing.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone with this standing in the operation who has an e-mail address receives the digest."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Sections"), choices=section_choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DigestSchedule
        fields = [
            "name", "audience", "frequency", "weekday", "day_of_month", "hour", "starts_on",
            "recipient_roles", "extra_recipients", "language", "sections", "active",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "extra_recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("sections", [section.key for section in sections.available()])
            self.initial.setdefault("recipient_roles", [Standing.HCT])
        self._timing_before = {name: getattr(self.instance, name) for name in DigestSchedule.TIMING_FIELDS}
        self._active_before = self.instance.active if self.instance.pk else False

    def clean_extra_recipients(self):
        addresses = split_addresses(self.cleaned_data.get("extra_recipients", ""))
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                wrong.append(address)
        if wrong:
            raise ValidationError(
                ngettext(
                    "This is not an e-mail address: %(addresses)s.",
                    "These are not e-mail addresses: %(addresses)s.",
                    len(wrong),
                )
                % {"addresses": ", ".join(wrong)}
            )
        if len(addresses) > MAX_EXTRA_ADDRESSES:
            raise ValidationError(
                _("At most %(limit)d other addresses; add people as members of the operation instead.")
                % {"limit": MAX_EXTRA_ADDRESSES}
            )
        return "\n".join(addresses)

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        roles = cleaned.get("recipient_roles") or []
        extra = cleaned.get("extra_recipients") or ""
        if audience and not roles and not extra:
            self.add_error("recipient_roles", _("Choose at least one role or give at least one address."))
        if audience:
            # Nobody may receive a digest written for a wider clearance than their own (access.py decides).
            needed = ceiling(Action.DIGEST, AUDIENCE_STANDING[Audience(audience)])
            too_narrow = [Standing(role).label for role in roles if (ceiling(Action.DIGEST, role) or 0) < (needed or 0)]
            if too_narrow:
                self.add_error(
                    "recipient_roles",
                    _("%(roles)s may not read a digest written for %(audience)s.")
                    % {"roles": ", ".join(str(label) for label in too_narrow), "audience": Audience(audience).label},
                )
            if extra and audience != Audience.HCT:
                self.add_error(
                    "extra_recipients",
                    _("Other addresses receive HCT digests only: people outside the operation have no other standing."),
                )
        return cleaned

    def save(self, commit=True):
        schedule = super().save(commit=False)
        timing_changed = any(getattr(schedule, name) != before for name, before in self._timing_before.items())
        switched_on = schedule.active and not self._active_before
        if not schedule.pk or timing_changed or switched_on:
            # No burst of back-dated digests: periods are produced from now on.
            schedule.dispatch_from = timezone.now()
        if commit:
            schedule.save()
        return schedule
