"""What other apps hear about partners. Receivers live in each area's ``receivers`` module.

Both are sent by the services in ``collaborations.services`` inside the transaction that records the
change, so an area's reaction and the change stand or fall together, and the area's own audit events
sit next to the departure in the log.

``partner_left``: sender=Partner; kwargs ``partner`` (``left_on`` set), ``by`` (a person, or None for
the register import), ``reason``.

``partner_joined``: sender=Partner; kwargs ``partner``, ``by``, ``reason``.
"""

from django.dispatch import Signal

partner_left = Signal()
partner_joined = Signal()
