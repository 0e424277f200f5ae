#!/usr/bin/env python3
"""Generates a Python client for the gateway's admin and report API from its /openapi.json, with
openapi-python-client, and uses it: lists the budgets and fetches this month's invoice.

    python3 contract/python_client_round_trip.py http://127.0.0.1:8080 <admin key>

Prints one JSON line: the budgets' ids and the invoice's month and total cost (as the gateway wrote them: decimal
strings, never floats). Exits non-zero if generation fails or a call does not answer 200 with its document.
"""
import datetime
import json
import subprocess
import sys
import tempfile
import urllib.request


def main() -> int:
    base_url, admin_key = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        document = f"{work}/openapi.json"
        with urllib.request.urlopen(f"{base_url}/openapi.json") as response, open(document, "wb") as out:
            out.write(response.read())
        subprocess.run(
            ["openapi-python-client", "generate", "--path", document, "--output-path", f"{work}/client"],
            check=True,
            stdout=sys.stderr,
        )
        sys.path.insert(0, f"{work}/client")
        from s2v_meter_client import AuthenticatedClient
        from s2v_meter_client.api.admin_budgets import list_budgets
        from s2v_meter_client.api.reports import get_invoice
        from s2v_meter_client.models import BudgetList, Invoice

        client = AuthenticatedClient(base_url=base_url, token=admin_key, raise_on_unexpected_status=True)
        with client as client:
            budgets = list_budgets.sync(client=client)
            if not isinstance(budgets, BudgetList):
                print(f"list_budgets answered {budgets!r}", file=sys.stderr)
                return 1
            month = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m")
            invoice = get_invoice.sync(client=client, month=month)
            if not isinstance(invoice, Invoice):
                print(f"get_invoice answered {invoice!r}", file=sys.stderr)
                return 1
        print(json.dumps({
            "budgets": [budget.id for budget in budgets.budgets],
            "limits": [budget.limit for budget in budgets.budgets],
            "month": invoice.month,
            "total_cost": invoice.total.cost,
            "currency": invoice.total.currency,
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
