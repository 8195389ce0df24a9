"""The first version of each consent wording, so that a team can record consent from the start; later
versions are published by the central unit (/community/consent-wording/)."""

from datetime import date

from django.db import migrations

IN_USE_FROM = date(2008, 4, 1)
WORDINGS = {
    "kin": (
        "You agree to be part of this ward's Key Individual Network. The Safer Neighbourhoods team will "
        "keep your name, how to contact you, your role in the community, where you live or work and, if "
        "you choose to give it, your age band. An officer of the team will get in touch every few months "
        "to ask what worries you and the people around you; the concerns you raise are recorded without "
        "your name. Only the officers of this ward's team, their sergeant and their inspector can see your "
        "details. You can withdraw at any time by telling any member of the team, and your details will "
        "then be erased. If the team has not been in touch for two years, your details will be reviewed "
        "and erased unless you are still involved."
    ),
    "contact": (
        "You agree to be one of this ward's community contacts. The Safer Neighbourhoods team will keep "
        "your name (or your group's), how to contact you, what you are interested in, where you live or "
        "meet and, if you choose to give it, your age band, so that it can tell you about meetings and "
        "local problems and ask for your views. Only the officers of this ward's team, their sergeant and "
        "their inspector can see your details. You can withdraw at any time by telling any member of the "
        "team, and your details will then be erased. If the team has not been in touch for two years, your "
        "details will be reviewed and erased unless you are still involved."
    ),
}


def create(apps, schema_editor):
    ConsentWording = apps.get_model("community", "ConsentWording")
    for purpose, text in WORDINGS.items():
        ConsentWording.objects.get_or_create(
            purpose=purpose, version=1, defaults={"text": text, "in_use_from": IN_USE_FROM}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
