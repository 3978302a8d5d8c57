"""Importing a COD-style CSV: columns by HXL tag, every line checked first, one transaction, re-imports idempotent."""

import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from cmcoord.gazetteer.models import AdminUnit
from cmcoord.gazetteer.services import GazetteerFileError, import_text, read_gazetteer
from demo.schema import DATA_DIR

pytestmark = pytest.mark.django_db

HEADER = "ADM0_PCODE,ADM1_EN,ADM1_PCODE,ADM2_EN,ADM2_PCODE\n#country+code,#adm1+name,#adm1+code,#adm2+name,#adm2+code\n"
GOOD = HEADER + (
    "CF,Ouaka,CF71,Bambari,CF7101\nCF,Ouaka,CF71,Ippy,CF7102\nCF,Haute-Kotto,CF72,Bria,CF7201\nCF,Bangui,CF81,,\n"
)


def units():
    return {unit.pcode: (unit.name, unit.parent.pcode if unit.parent else None) for unit in AdminUnit.objects.all()}


def refused(text, **kwargs) -> list[tuple[int | None, str]]:
    with pytest.raises(GazetteerFileError) as caught:
        import_text(text, **kwargs)
    assert not AdminUnit.objects.exists(), "a refused file loads nothing"
    return caught.value.problems


def test_a_valid_file_loads_both_levels_with_their_parents():
    report = import_text(GOOD)
    assert units() == {
        "CF71": ("Ouaka", None),
        "CF7101": ("Bambari", "CF71"),
        "CF7102": ("Ippy", "CF71"),
        "CF72": ("Haute-Kotto", None),
        "CF7201": ("Bria", "CF72"),
        "CF81": ("Bangui", None),
    }
    assert sorted(report.created) == sorted(units())
    assert set(AdminUnit.objects.values_list("country", flat=True)) == {"CF"}
    assert AdminUnit.objects.get(pcode="CF7101").level == 2


def test_a_re_import_updates_names_without_duplicates_and_retires_what_it_leaves_out():
    import_text(GOOD)
    renamed = GOOD.replace("Ippy,CF7102", "Ippy-Centre,CF7102").replace("CF,Bangui,CF81,,\n", "")
    report = import_text(renamed)
    assert AdminUnit.objects.count() == 6
    assert AdminUnit.objects.get(pcode="CF7102").name == "Ippy-Centre"
    assert report.updated == ["CF7102"] and report.created == [] and report.retired == ["CF81"]
    assert not AdminUnit.objects.get(pcode="CF81").is_active  # kept, so records naming it still read its name
    again = import_text(GOOD)  # back in the file: current again
    assert AdminUnit.objects.get(pcode="CF81").is_active and again.created == [] and AdminUnit.objects.count() == 6
    assert import_text(GOOD).unchanged == 6


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CF,Ouaka,CF-71,Bambari,CF7101", "CF-71: A P-code is the country's two capital letters then digits"),
        ("CF,Ouaka,CF71,Bambari,cf7101", "cf7101: A P-code is the country's two capital letters then digits"),
        ("CF,Mopti,ML05,Bandiagara,ML0502", "ML05: P-codes of this operation start with CF."),
        ("CF,,,Bambari,CF7101", "admin 2 unit CF7101 has no admin 1 P-code: its parent is missing."),
        ("CF,,CF73,Bambari,CF7301", "the parent of CF7301, admin 1 unit CF73, has no name in the file"),
        ("CF,Ouaka,CF71,Bambari,CF7201", "CF7201 does not start with the P-code of its admin 1 unit (CF71)."),
        ("CF,Ouaka,CF71,Bambari-Ville,CF7101", "CF7101 is named “Bambari-Ville” here but “Bambari” on line 3."),
        ("CF,Ouaka,CF71,,CF7109", "admin 2 unit CF7109 has no name."),
        ("XX,Ouaka,CF71,Bambari,CF7101", "“XX” is not an ISO 3166 country code."),
    ],
)
def test_a_bad_line_refuses_the_whole_file_with_its_line_number(line, expected):
    text = HEADER + "CF,Ouaka,CF71,Bambari,CF7101\nCF,Haute-Kotto,CF72,Bria,CF7201\n" + line + "\n"
    problems = refused(text)
    assert {number for number, _message in problems} == {5}
    assert expected in problems[0][1]


def test_every_bad_line_is_reported_not_only_the_first():
    text = HEADER + "CF,Ouaka,CF-71,Bambari,CF7101\nCF,Haute-Kotto,CF72,Bria,CF7201\nCF,,,Ippy,CF7102\n"
    assert [number for number, _message in refused(text)] == [3, 5]


def test_the_command_names_each_bad_line_and_loads_nothing(tmp_path):
    path = tmp_path / "caf.csv"
    path.write_text(HEADER + "CF,Ouaka,CF71,Bambari,CF7101\nCF,Ouaka,CF7,Ippy,CF8102\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_gazetteer", str(path))
    assert "nothing changed" in str(caught.value) and "line 4: CF8102 does not start with" in str(caught.value)
    assert not AdminUnit.objects.exists()


def test_the_command_reports_what_it_did(tmp_path):
    path = tmp_path / "caf.csv"
    path.write_text(GOOD, encoding="utf-8-sig")  # a byte-order mark, as spreadsheets write it
    out = io.StringIO()
    call_command("import_gazetteer", str(path), stdout=out)
    assert "6 created, 0 updated, 0 unchanged, 0 no longer in the file" in out.getvalue()


def test_columns_are_found_by_hxl_tag_in_any_order_with_extra_columns_and_attributes():
    text = (
        "Region code,District name,District name (fr),Whatever,District code,Region name\n"
        "#adm1 +code +v_pcode,#adm2+name+i_en,#adm2+name+i_fr,#meta+id,#adm2+code,#adm1+name\n"
        "CF71,Bambari,Bambari-Ville,17,CF7101,Ouaka\n"
    )
    import_text(text, country="CAF")  # alpha-3 is understood
    assert units() == {"CF71": ("Ouaka", None), "CF7101": ("Bambari", "CF71")}
    assert AdminUnit.objects.get(pcode="CF7101").alternative_name_list == ["Bambari-Ville"]


def test_an_admin_1_only_file_loads():
    import_text("name,pcode\n#adm1+name,#adm1+code\nOuaka,CF71\nBangui,CF81\n", country="CF")
    assert units() == {"CF71": ("Ouaka", None), "CF81": ("Bangui", None)}


def test_a_file_without_the_hxl_row_is_refused_clearly():
    problems = refused("ADM1_EN,ADM1_PCODE\nOuaka,CF71\n", country="CF")
    assert problems == [(None, "The file has no HXL hashtag row (#adm1+code, #adm1+name …) under its header row.")]


def test_a_file_missing_a_required_tag_is_refused():
    problems = refused("ADM1_PCODE,ADM2_PCODE\n#adm1+code,#adm2+code\nCF71,CF7101\n", country="CF")
    assert problems == [(2, "The HXL row has no #adm1+name, #adm2+name column.")]


def test_a_file_without_its_country_is_refused():
    problems = refused("ADM1_EN,ADM1_PCODE\n#adm1+name,#adm1+code\nOuaka,CF71\n")
    assert "#country+code column, or --country" in problems[0][1]


def test_the_country_asked_for_must_be_the_file_s():
    problems = refused(GOOD, country="ML")
    assert problems[0][0] == 3 and "not of the country asked for (ML)" in problems[0][1]


def test_a_p_code_at_another_level_than_the_stored_one_is_refused():
    import_text(GOOD)
    text = "a,b\n#adm1+name,#adm1+code\nBambari,CF7101\n"
    with pytest.raises(GazetteerFileError) as caught:
        import_text(text, country="CF")
    assert caught.value.problems == [(3, "CF7101 is an admin 2 unit in the gazetteer already.")]


# --- The files shipped for the demo ------------------------------------------------------------------------------


def _demo_places():
    """Every (P-code, name) the demo's YAML files use: task places (both levels) and actors' areas (admin 1)."""
    places, areas = set(), set()
    for path in sorted(Path(DATA_DIR).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for place in (data.get("places") or {}).values():
            places.add((place["admin1_pcode"], place["admin1"]))
            places.add((place["admin2_pcode"], place["admin2"]))
        for actor in data.get("actors") or []:
            areas.update(code.strip() for code in re.split(r"[,\n]", actor.get("areas") or "") if code.strip())
    return places, areas


def test_the_demo_files_load_and_hold_every_p_code_the_demo_uses(gazetteer):
    stored = dict(AdminUnit.objects.values_list("pcode", "name"))
    assert set(AdminUnit.objects.values_list("country", flat=True)) == {"CF", "CD", "ML", "SD", "SS", "YE"}
    places, areas = _demo_places()
    assert places and areas
    assert {(code, stored.get(code)) for code, _name in places} == places, "a demo place is missing or misnamed"
    assert areas <= set(AdminUnit.objects.filter(level=1).values_list("pcode", flat=True))


def test_each_demo_file_reads_clean():
    for path in sorted((Path(DATA_DIR) / "gazetteer").glob("*.csv")):
        assert read_gazetteer(path), path.name
