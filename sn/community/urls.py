from django.urls import path

from sn.community.views import compliance, contacts, kin, ward

app_name = "community"

urlpatterns = [
    path("kin/wards/<str:code>/", kin.kin_ward, name="kin_ward"),
    path("kin/wards/<str:code>/new/", kin.kin_member_new, name="kin_member_new"),
    path("kin/members/<int:pk>/", kin.kin_member, name="kin_member"),
    path("kin/members/<int:pk>/edit/", kin.kin_member_edit, name="kin_member_edit"),
    path("kin/members/<int:pk>/interviews/new/", kin.kin_interview_new, name="kin_interview_new"),
    path("kin/members/<int:pk>/withdraw/", kin.kin_member_withdraw, name="kin_member_withdraw"),
    path("kin/members/<int:pk>/review/", ward.kin_member_review, name="kin_member_review"),
    path("kin/compliance/", compliance.compliance_force, name="compliance_force"),
    path("kin/compliance/boroughs/<str:code>/", compliance.compliance_borough, name="compliance_borough"),
    path("kin/compliance/clusters/<str:code>/", compliance.compliance_cluster, name="compliance_cluster"),
    path("contacts/wards/<str:code>/", contacts.contacts_ward, name="contacts_ward"),
    path("contacts/wards/<str:code>/new/", contacts.contact_new, name="contact_new"),
    path("contacts/<int:pk>/", contacts.contact, name="contact"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/contacted/", contacts.contact_contacted, name="contact_contacted"),
    path("contacts/<int:pk>/withdraw/", contacts.contact_withdraw, name="contact_withdraw"),
    path("contacts/<int:pk>/review/", ward.contact_review, name="contact_review"),
    path("community/wards/<str:code>/gap/", ward.community_gap, name="gap"),
    path("community/wards/<str:code>/review/", ward.personal_data_review, name="personal_data_review"),
    path("community/consent-wording/", compliance.consent_wordings, name="consent_wordings"),
    path("community/consent-wording/new/", compliance.consent_wording_new, name="consent_wording_new"),
]
