from django.conf import settings


def site(request):
    return {"site_name": settings.SAFERPLAN_SITE_NAME}
