"""Who may open which page: every URL pattern, every persona, and a collaboration they are not in."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Pages about a collaboration that show only public register facts to any signed-in person.
PUBLIC_REGISTER_PAGES = {"collaborations:detail"}


def collaboration_patterns() -> list[tuple[str, list[str]]]:
    """(name, kwargs) of every named URL pattern that takes a collaboration ``pk``."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
                walk(entry.url_patterns, ns or "")
            elif isinstance(entry, URLPattern) and entry.name:
                keys = list(entry.pattern.converters.keys())
                if "pk" in keys and str(entry.pattern).startswith("samenwerkingen/<uuid:pk>"):
                    found.append((f"{namespace}:{entry.name}" if namespace else entry.name, keys))

    walk(get_resolver().url_patterns, "")
    return sorted(set((name, tuple(keys)) for name, keys in found))  # type: ignore[misc]


def url_for(name: str, keys: tuple[str, ...], collaboration_pk: uuid.UUID) -> str:
    kwargs: dict[str, object] = {}
    for key in keys:
        kwargs[key] = collaboration_pk if key == "pk" else uuid.uuid4()
    return reverse(name, kwargs=kwargs)


def test_every_collaboration_page_is_hidden_from_a_partner_of_another_collaboration(demo, client_for):
    outsider = client_for(demo.amersfoort_beleidsmedewerker)
    patterns = collaboration_patterns()
    assert len(patterns) >= 5
    for name, keys in patterns:
        if name in PUBLIC_REGISTER_PAGES:
            continue
        url = url_for(name, keys, demo.collaboration.pk)
        for method in (outsider.get, outsider.post):
            response = method(url)
            assert response.status_code in (403, 404, 405), (name, method.__name__, response.status_code)


def test_every_collaboration_page_sends_anonymous_visitors_to_login(demo, client):
    for name, keys in collaboration_patterns():
        url = url_for(name, keys, demo.collaboration.pk)
        response = client.get(url)
        if response.status_code == 302:
            assert reverse("account_login") in response["Location"], name
        else:
            assert response.status_code in (403, 404, 405), (name, response.status_code)


def test_no_collaboration_page_fails_for_any_persona(demo, client_for):
    """Every page answers every persona with a page, a redirect or a refusal — never a server error."""
    for persona_name, person in demo.everyone.items():
        signed_in = client_for(person)
        for name, keys in collaboration_patterns():
            response = signed_in.get(url_for(name, keys, demo.collaboration.pk))
            assert response.status_code < 500, (persona_name, name, response.status_code)


# The foundation pages, persona by persona: the status each one must get.
FOUNDATION_MATRIX = {
    # url name: {persona: status}
    # The demo collaboration is not in the national register: only people with a role in it see it.
    "collaborations:detail": {
        **dict.fromkeys(
            ["facilitator", "utrecht_beleidsmedewerker", "utrecht_wethouder", "zeist_beleidsmedewerker", "raadslid"],
            200,
        ),
        "amersfoort_beleidsmedewerker": 404,
    },
    "collaborations:people": {
        "facilitator": 200,
        "utrecht_beleidsmedewerker": 200,
        "utrecht_wethouder": 200,
        "zeist_beleidsmedewerker": 200,
        "raadslid": 404,
        "amersfoort_beleidsmedewerker": 404,
    },
    "collaborations:partners": {
        "facilitator": 200,
        "utrecht_beleidsmedewerker": 404,
        "utrecht_wethouder": 404,
        "zeist_beleidsmedewerker": 404,
        "raadslid": 404,
        "amersfoort_beleidsmedewerker": 404,
    },
    "collaborations:audit": {
        "facilitator": 200,
        "utrecht_beleidsmedewerker": 404,
        "utrecht_wethouder": 404,
        "zeist_beleidsmedewerker": 404,
        "raadslid": 404,
        "amersfoort_beleidsmedewerker": 404,
    },
}


@pytest.mark.parametrize("url_name", sorted(FOUNDATION_MATRIX))
def test_foundation_page_matrix(demo, client_for, url_name):
    url = reverse(url_name, args=[demo.collaboration.pk])
    for persona_name, expected in FOUNDATION_MATRIX[url_name].items():
        response = client_for(getattr(demo, persona_name)).get(url)
        assert response.status_code == expected, (persona_name, response.status_code)


def test_only_the_facilitator_can_invite(demo, client_for):
    url = reverse("collaborations:people", args=[demo.collaboration.pk])
    data = {
        "full_name": "Nieuwe Collega",
        "email": "nieuw@zeist.example",
        "kind": "ambtelijk",
        "partner": demo.zeist.pk,
    }
    response = client_for(demo.zeist_wethouder).post(url, data)
    assert response.status_code == 403
    assert "Alleen de facilitator kan mensen uitnodigen." in response.text
    assert not demo.collaboration.invitations.exists()


def test_partner_cannot_see_people_of_other_collaboration(demo, client_for):
    response = client_for(demo.utrecht_beleidsmedewerker).get(
        reverse("collaborations:people", args=[demo.other_collaboration.pk])
    )
    assert response.status_code == 404


def test_a_random_collaboration_id_is_not_found(demo, client_for):
    response = client_for(demo.facilitator).get(reverse("collaborations:people", args=[uuid.uuid4()]))
    assert response.status_code == 404
