#!/usr/bin/env python3
"""Validates recorded HTTP exchanges with the gateway against its OpenAPI document, with openapi-core.

    python3 contract/validate_exchanges.py openapi.json exchanges.json

exchanges.json is a list of {"method", "url", "request_headers", "request_body", "status", "headers", "body"}
(bodies as text), as APIContractExchangeTests records them. Each response is checked against the operation the
request matches: its status must be documented, its content type too, and its body must match the schema, headers
included. Prints one line per failure with the exchange, and exits 1 if any failed.
"""
import json
import sys
from urllib.parse import parse_qsl, urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse


def as_text(value, **_):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def main() -> int:
    document = json.load(open(sys.argv[1]))
    exchanges = json.load(open(sys.argv[2]))
    # openapi-core reads JSON, forms and text/plain and text/html bodies itself; CSV it would leave as bytes.
    api = OpenAPI.from_dict(document, config=Config(extra_media_type_deserializers={"text/csv": as_text}))
    failures = 0
    for exchange in exchanges:
        url = urlsplit(exchange["url"])
        headers = {name.lower(): value for name, value in exchange.get("request_headers", {}).items()}
        request = MockRequest(
            host_url=f"{url.scheme}://{url.netloc}",
            method=exchange["method"].lower(),
            path=url.path,
            args=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers=headers,
            data=(exchange.get("request_body") or "").encode(),
            content_type=headers.get("content-type", "application/json"),
        )
        response_headers = {name.lower(): value for name, value in exchange["headers"].items()}
        response = MockResponse(
            data=exchange["body"].encode(),
            status_code=exchange["status"],
            headers=response_headers,
            content_type=response_headers.get("content-type", ""),
        )
        errors = list(api.iter_response_errors(request, response))
        label = f'{exchange["method"]} {exchange["url"]} -> {exchange["status"]}'
        if errors:
            failures += 1
            for error in errors:
                detail = "; ".join(str(cause) for cause in getattr(error, "schema_errors", []) or [])
                print(f"FAIL {label}: {error!r} {detail}\n  body: {exchange['body'][:400]}")
        else:
            print(f"ok   {label}")
    print(f"{len(exchanges) - failures} of {len(exchanges)} responses conform")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
