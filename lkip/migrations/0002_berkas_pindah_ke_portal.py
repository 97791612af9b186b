# The rendered LKIP PDFs move to the portal's one store of generated documents (portal.BerkasDokumen).

from django.db import migrations


def pindahkan_berkas(apps, schema_editor):
    """Carry the finished files over, so readers (who never cause a render) keep their stored PDF.

    The files stay where they are on disk: a FileField holds the name relative to MEDIA_ROOT.
    """
    BerkasLkip = apps.get_model("lkip", "BerkasLkip")
    BerkasDokumen = apps.get_model("portal", "BerkasDokumen")
    for lama in BerkasLkip.objects.filter(status="selesai").exclude(berkas="").select_related("lkip"):
        baru = BerkasDokumen.objects.create(
            jenis="lkip", format="pdf", opd_id=lama.lkip.opd_id, tahun=lama.lkip.tahun, sidik_html=lama.sidik_html,
            status="selesai", berkas=lama.berkas.name, pesan=lama.pesan, detik=lama.detik,
            selesai_pada=lama.selesai_pada,
        )
        # auto_now_add stamped the copy with today: give it back the time it was rendered.
        BerkasDokumen.objects.filter(pk=baru.pk).update(dibuat_pada=lama.dibuat_pada)


class Migration(migrations.Migration):

    dependencies = [
        ('lkip', '0001_initial'),
        ('portal', '0005_berkas_dokumen'),
    ]

    operations = [
        migrations.RunPython(pindahkan_berkas, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='BerkasLkip',
        ),
    ]
