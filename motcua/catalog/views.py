"""Public catalog pages: the search page (also the site's home) and a procedure's sheet."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .forms import SearchForm
from .queries import get_public_procedure, search_procedures, with_levels

PAGE_SIZE = 20


@require_GET
@vary_on_headers("HX-Request")
def procedure_list(request):
    form = SearchForm(request.GET)
    filters = form.filters()
    page = Paginator(search_procedures(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_levels(page.object_list, agency=filters["agency"])
    context = {"form": form, "page": page, "filters": filters, "searching": any(filters.values())}
    # htmx asks for the results only; without JavaScript the form reloads the whole page.
    if request.htmx and request.htmx.target == "results":
        return render(request, "catalog/_results.html", context)
    return render(request, "catalog/procedure_list.html", context)


@require_GET
def procedure_detail(request, code: str):
    procedure = get_public_procedure(code)
    if procedure is None:
        raise Http404(code)
    version = procedure.current_process()
    context = {
        "procedure": procedure,
        "process": version,
        "steps": list(version.steps.all()) if version else [],
        "fees": list(procedure.fees.all()),
        "documents": list(procedure.documents.all()),
        "agencies": list(procedure.agencies.all()),
    }
    return render(request, "catalog/procedure_detail.html", context)
