"""The sandbox's HTTP face: discovery, an approval page with demo identities, token, userinfo, JWKS."""

from urllib.parse import urlencode

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import provider


@require_GET
def discovery(request):
    return JsonResponse(provider.discovery())


@require_GET
def jwks(request):
    return JsonResponse(provider.jwks())


@require_http_methods(["GET", "POST"])
def authorize(request):
    query = request.GET.dict()
    if query.get("response_type") != "code" or not query.get("redirect_uri", "").startswith(
            provider.issuer().rsplit("/vneid-sandbox", 1)[0]):
        return HttpResponseBadRequest("invalid_request")
    if request.method == "POST":
        chosen = next((i for i in provider.IDENTITIES if i["sub"] == request.POST.get("sub")), None)
        if chosen is None:
            return redirect(f"{query['redirect_uri']}?{urlencode({'error': 'access_denied', 'state': query.get('state', '')})}")
        code = provider.issue_code(query, chosen)
        return redirect(f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}")
    return render(request, "vneidsandbox/authorize.html", {"identities": provider.IDENTITIES})


@csrf_exempt  # called server to server by the relying party, as VNeID's token endpoint is
@require_POST
def token(request):
    status, body = provider.exchange(request.POST.dict(), request.headers.get("Authorization", ""))
    return JsonResponse(body, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def userinfo(request):
    status, body = provider.userinfo(request.headers.get("Authorization", ""))
    return JsonResponse(body, status=status)
