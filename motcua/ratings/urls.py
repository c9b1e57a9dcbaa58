from django.urls import path

from .views import counter, dashboard, devices, kiosk, public

app_name = "ratings"
urlpatterns = [
    # The back office.
    path("can-bo/quay/", counter.counter_page, name="counter"),
    path("can-bo/may-danh-gia/", devices.device_list, name="devices"),
    path("can-bo/may-danh-gia/<int:pk>/thu-hoi/", devices.device_revoke, name="device_revoke"),
    path("can-bo/danh-gia/", dashboard.dashboard, name="dashboard"),
    path("can-bo/danh-gia/bieu-do/<slug:kind>.svg", dashboard.chart, name="chart"),
    path("can-bo/danh-gia/xuat.xlsx", dashboard.export, name="export"),
    # The tablet at the counter (no one signs in on it).
    path("kiosk/", kiosk.kiosk_home, name="kiosk"),
    path("kiosk/ghep/<str:token>/", kiosk.kiosk_pair, name="kiosk_pair"),
    path("kiosk/man-hinh/", kiosk.kiosk_screen, name="kiosk_screen"),
    path("kiosk/cho/", kiosk.kiosk_idle, name="kiosk_idle"),
    path("kiosk/danh-gia/<int:pk>/", kiosk.kiosk_rate, name="kiosk_rate"),
    # Citizens, without an account: the link on the receipt's QR code or on the portal.
    path("danh-gia/<str:token>/", public.public_rate, name="public_rate"),
]
