"""The site administration's app: Django's admin with the product's site (``cmcoord.core.admin``) as its default."""

from django.contrib.admin.apps import AdminConfig


class ProductAdminConfig(AdminConfig):
    default_site = "cmcoord.core.admin.ProductAdminSite"
