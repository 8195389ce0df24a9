"""The library page and the case page's "Similar cases elsewhere": force-wide for every police role, but
showing only what a team learns from, and the full case linked only for those who may open it."""

import pytest
from django.urls import reverse

from sn.problemsolving.library.similar import similar_entries
from sn.problemsolving.models import Case, LibraryEntry
from sn.problemsolving.tests.library_corpus import build_fixed_corpus, closed_case
from sn.problemsolving.views import library as library_view

URL = "/library/"


@pytest.fixture
def corpus(world):
    return build_fixed_corpus(world)


def test_the_whole_force_for_a_pc_with_links_only_to_cases_they_may_open(client_for, corpus):
    page = client_for("team_officer").get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "6 cases" in html
    # Borough B's cases are shown to a PC of borough A ...
    assert "Thefts from cars on Station Road" in html and "Borough B" in html
    # ... but linked only where the PC's own scope reaches (ward a1).
    assert reverse("problemsolving:case", args=[corpus["burglary_title"].pk]) in html
    for key in ("burglary_statement", "vehicle", "asb_park"):
        assert reverse("problemsolving:case", args=[corpus[key].pk]) not in html
    # The central unit may open every case.
    html = client_for("central_unit").get(URL).content.decode()
    assert all(reverse("problemsolving:case", args=[c.pk]) in html for c in corpus.values())


def test_the_page_shows_what_was_done_and_how_it_turned_out_and_no_names(client_for, corpus, world):
    html = client_for("inspector").get(URL, {"q": "converters"}).content.decode()
    assert "1 case found" in html
    assert "Marking catalytic converters" in html and "Free converter marking days" in html
    assert "fell by 45% more than in the rest of the borough" in html
    assert "Reduced" in html and "Vehicle crime" in html
    for officer in world.officers.values():
        assert officer.last_name not in html
    assert world.users["sergeant"].last_name not in html


def test_filters_by_words_category_and_outcome(client_for, corpus):
    client = client_for("analyst")
    assert "3 cases found" in client.get(URL, {"q": "burglaries"}).content.decode()
    html = client.get(URL, {"category": "anti-social-behaviour"}).content.decode()
    assert "2 cases found" in html and "Youths gathering in the park" in html
    html = client.get(URL, {"category": "anti-social-behaviour", "outcome": "reduced"}).content.decode()
    assert "1 case found" in html and "Drug dealing by the park gates" in html


def test_hostile_words_are_searched_as_words(client_for, corpus):
    client = client_for("sergeant")
    for typed in ('"', "NEAR(", "*", "-", 'burglary" OR "x', "\\"):
        assert client.get(URL, {"q": typed}).status_code == 200


def test_parameters_the_form_never_sends_are_refused_naming_them(client_for, corpus):
    client = client_for("sergeant")
    for params, name in (
        ({"category": "arson"}, "category"),
        ({"outcome": "great"}, "outcome"),
        ({"page": "x"}, "page"),
    ):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert name in response.content.decode()


def test_pages_of_results(client_for, corpus, monkeypatch):
    monkeypatch.setattr(library_view, "PER_PAGE", 4)
    client = client_for("borough_lead")
    first = client.get(URL).content.decode()
    assert "Showing 1 to 4 of 6" in first and "Page 1 of 2" in first and "?page=2" in first
    second = client.get(URL, {"page": "2"}).content.decode()
    assert "Showing 5 to 6 of 6" in second and "?page=1" in second
    # A page past the last shows the last.
    assert "Showing 5 to 6 of 6" in client.get(URL, {"page": "9"}).content.decode()
    # The other parameters are kept in the page links.
    html = client.get(URL, {"q": "the", "outcome": "reduced", "page": "1"}).content.decode()
    assert "3 cases found" in html


def test_empty_states(client_for, corpus, world):
    client = client_for("team_officer")
    html = client.get(URL, {"q": "helicopter"}).content.decode()
    assert "No cases found" in html and "No closed, assessed case matches the words" in html
    LibraryEntry.objects.all().delete()
    html = client.get(URL).content.decode()
    assert "The library is empty" in html


def test_the_header_links_the_library_for_police_roles_only(client_for, world):
    assert 'href="/library/"' in client_for("team_officer").get("/").content.decode()
    assert 'href="/library/"' not in client_for("panel_member").get("/").content.decode()
    assert 'href="/library/"' not in client_for("partner").get("/").content.decode()


def test_similar_cases_come_from_other_wards_same_categories_first(world, corpus):
    here = closed_case(
        world.wards["b1"],
        owner=world.officers["pc_b"],
        recorded_by=world.users["sergeant"],
        title="Youths causing noise by the park",
        statement="Young people gather by the park in the evenings; noise and litter reported.",
        categories=("anti-social-behaviour",),
        stage=Case.Stage.RESPONSE,
        assessed=False,
    )
    keys = {case.pk: key for key, case in corpus.items()}
    found = [keys[e.case_id] for e in similar_entries(here)]
    # asb_park shares the ward b1: never shown. drugs_park shares the category; then cases by words.
    assert found[0] == "drugs_park"
    assert "asb_park" not in found
    assert len(found) == 3


def test_similar_cases_section_on_the_case_page(client_for, world, corpus):
    case = corpus["burglary_title"]
    html = client_for("sergeant").get(reverse("problemsolving:case", args=[case.pk])).content.decode()
    assert "Similar cases elsewhere" in html
    assert "Break-ins at the garages" in html  # burglary, ward a2
    assert "Resolved" in html
    # The case's own ward is not "elsewhere".
    assert f'id="library-{case.pk}"' not in html
    assert "Search the good-practice library" in html
