"""Each count carries its record's ward, month, stage and deliverer, so that the report reads one table."""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_records(apps, schema_editor):
    ActivityCount = apps.get_model("activity", "ActivityCount")
    for count in ActivityCount.objects.select_related("record").iterator():
        record = count.record
        count.neighbourhood_id, count.month = record.neighbourhood_id, record.month
        count.stage, count.delivered_by = record.stage, record.delivered_by
        count.save(update_fields=["neighbourhood", "month", "stage", "delivered_by"])


class Migration(migrations.Migration):
    dependencies = [
        ("activity", "0001_initial"),
        ("geography", "__first__"),
    ]

    operations = [
        migrations.AddField(
            model_name="activitycount",
            name="neighbourhood",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="geography.neighbourhood",
            ),
        ),
        migrations.AddField(
            model_name="activitycount", name="month", field=models.DateField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="activitycount",
            name="stage",
            field=models.PositiveSmallIntegerField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="activitycount",
            name="delivered_by",
            field=models.CharField(max_length=10, null=True, editable=False),
        ),
        migrations.RunPython(copy_from_records, migrations.RunPython.noop),
    ]
