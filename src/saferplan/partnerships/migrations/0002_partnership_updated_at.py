import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalpartnership",
            name="updated_at",
            # existing history rows (a partnership's earlier versions) are stamped now
            field=models.DateTimeField(
                blank=True, editable=False, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
    ]
