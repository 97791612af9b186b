"""The daily reminder mail: the home page's urgent lines, once a day, for those who want it."""

import datetime
from decimal import Decimal
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from dasbor.pengingat import pengingat_kirim
from indikator.models import Realisasi
from portal.models import JendelaInput, User
from tests.dasbor.test_tugas_saya import HARI, _indikator, unit_url
from tests.factories import RealisasiFactory
from tests.kantor import TAHUN


def _siapkan(kantor, tutup_dalam):
    """A returned TW II item for the operator, a submitted one for the perencana, TW III closing soon."""
    for user in (kantor.operator, kantor.operator_lain, kantor.perencana, kantor.pimpinan):
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@contoh.go.id")
    a, b = _indikator(kantor, 2)
    RealisasiFactory(indikator=a, tahun=TAHUN, triwulan=2, status=Realisasi.Status.DIKEMBALIKAN,
                     catatan_verifikasi="Angka tidak sesuai bukti")
    RealisasiFactory(indikator=b, tahun=TAHUN, triwulan=2, status=Realisasi.Status.DIAJUKAN, nilai=Decimal(4))
    JendelaInput.objects.create(opd=kantor.opd, tahun=TAHUN, triwulan=3,
                                selesai=HARI + datetime.timedelta(days=tutup_dalam))
    return a, b


def _surel_untuk(user):
    return [m for m in mail.outbox if m.to == [f"{user.username}@contoh.go.id"]]


def test_the_operator_is_mailed_what_was_returned_and_the_quarter_closing_soon_with_links(kantor, settings):
    settings.PORTAL_URL = "https://sakip.contoh.go.id"
    a, _ = _siapkan(kantor, tutup_dalam=3)
    hasil = pengingat_kirim(HARI)

    (surel,) = _surel_untuk(kantor.operator)
    assert "Dikembalikan perencana, perlu diperbaiki: 1 realisasi" in surel.body
    assert f"{a.nama}: \u201cAngka tidak sesuai bukti\u201d" in surel.body
    assert f"Realisasi TW III {TAHUN} belum diisi: 2 indikator; dibuka sampai 18 November 2026" in surel.body
    assert "https://sakip.contoh.go.id" + unit_url(kantor, TAHUN, 2) in surel.body
    assert "https://sakip.contoh.go.id/akun/" in surel.body  # where to turn it off
    (surel_perencana,) = _surel_untuk(kantor.perencana)
    assert f"Realisasi TW II {TAHUN} menunggu verifikasi Anda: 1 indikator dari {kantor.unit.nama}" in \
        surel_perencana.body
    # The pimpinan is not mailed; the other unit has nothing returned and no indicator to fill.
    assert not _surel_untuk(kantor.pimpinan) and not _surel_untuk(kantor.operator_lain)
    assert hasil.dikirim == 2


def test_a_quarter_closing_later_than_the_horizon_is_not_worth_a_mail(kantor):
    _siapkan(kantor, tutup_dalam=30)
    Realisasi.objects.filter(status=Realisasi.Status.DIKEMBALIKAN).update(status=Realisasi.Status.DIVERIFIKASI)
    pengingat_kirim(HARI, hari_depan=7)
    assert not _surel_untuk(kantor.operator)
    pengingat_kirim(HARI + datetime.timedelta(days=25), hari_depan=7)
    assert len(_surel_untuk(kantor.operator)) == 1


def test_one_mail_per_person_per_day_whatever_runs(kantor):
    _siapkan(kantor, tutup_dalam=3)
    pengingat_kirim(HARI)
    kedua = pengingat_kirim(HARI)
    assert kedua.dikirim == 0 and kedua.sudah == 2
    assert len(_surel_untuk(kantor.operator)) == 1
    pengingat_kirim(HARI + datetime.timedelta(days=1))
    assert len(_surel_untuk(kantor.operator)) == 2


def test_a_user_who_turned_reminders_off_on_the_account_page_gets_none(client, kantor):
    _siapkan(kantor, tutup_dalam=3)
    client.force_login(kantor.operator)
    assert 'name="terima_pengingat" value="1" id="id_terima_pengingat" checked' in client.get(
        reverse("akun")).content.decode()
    response = client.post(reverse("akun"), {}, follow=True)
    assert "Pengingat lewat email dimatikan." in response.content.decode()
    pengingat_kirim(HARI)
    assert not _surel_untuk(kantor.operator) and len(_surel_untuk(kantor.perencana)) == 1
    client.post(reverse("akun"), {"terima_pengingat": "1"})
    assert User.objects.get(pk=kantor.operator.pk).terima_pengingat


def test_the_command_is_what_cron_calls_and_says_what_it_did(kantor):
    _siapkan(kantor, tutup_dalam=3)
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", HARI.isoformat(), stdout=out)
    assert "2 surel dikirim" in out.getvalue()
    assert len(mail.outbox) == 2


def test_the_scheduled_task_runs_the_same_sending(kantor, settings):
    from dasbor.tasks import kirim_pengingat

    assert settings.CELERY_BEAT_SCHEDULE["kirim-pengingat-harian"]["task"] == kirim_pengingat.name
    hasil = kirim_pengingat.delay().get()
    assert set(hasil) == {"dikirim", "tanpa_isi", "sudah"}
