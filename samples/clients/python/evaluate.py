#!/usr/bin/env python3
"""Evaluate one case with EligibilityEngine over mutual TLS with a bearer token, using only Python's standard library.

The client follows the published contract rather than hard-coding it: it reads the host's OpenAPI document
(GET /v1/openapi.json), takes the operation `evaluate` from it (method, server and path), and checks the request's
fields against that operation's request schema before sending it (the host refuses a field it does not know).
"""
import argparse
import json
import ssl
import sys
import urllib.error
import urllib.request


def main() -> int:
    parser = argparse.ArgumentParser(description="Evaluate a case with EligibilityEngine (POST /v1/beoordelingen).")
    parser.add_argument("base", help="the host, e.g. https://127.0.0.1:5394")
    parser.add_argument("--request", required=True, help="the request as JSON, e.g. samples/requests/positief-advies.json")
    parser.add_argument("--ca", help="the CA that signed the host's certificate (PEM)")
    parser.add_argument("--certificate", help="the client certificate (PEM), for mutual TLS")
    parser.add_argument("--key", help="the client certificate's private key (PEM)")
    parser.add_argument("--token-file", help="a file holding the bearer token (scope beoordelen)")
    args = parser.parse_args()

    context = ssl.create_default_context(cafile=args.ca)
    if args.certificate:
        context.load_cert_chain(args.certificate, args.key)

    status, document, _ = call(context, "GET", args.base.rstrip("/") + "/v1/openapi.json")
    if status != 200:
        print(f"{status}: the host's OpenAPI document could not be read", file=sys.stderr)
        return 1
    method, url, schema = operation(document, "evaluate")
    with open(args.request, encoding="utf-8") as file:
        request = json.load(file)
    unknown = sorted(set(request) - set(schema.get("properties", {})))
    if unknown:
        print(f"not in the contract's {schema_name(document, schema)}: {', '.join(unknown)}", file=sys.stderr)
        return 2

    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as file:
            headers["Authorization"] = "Bearer " + file.read().strip()
    status, answer, api_version = call(context, method, url, request, headers)
    if status != 200:
        # Every error is problem details (RFC 9457); a 400 names every bad field.
        print(f"{status} {answer.get('title')}: {answer.get('detail')}", file=sys.stderr)
        for param in answer.get("invalidParams", []):
            print(f"  {param['name']} ({param['code']}): {param['reason']}", file=sys.stderr)
        return 1

    decision = answer["decision"]
    rule_set, engine = decision["ruleSet"], decision["engine"]
    print(f"Beslissing {decision.get('decisionId')}, API-Version {api_version}")
    print(f"Regels: {rule_set['id']} versie {rule_set['version']}, sha256 {rule_set['contentHash'][:12]}")
    print(f"Rekenregels uitgevoerd met: {engine['name']} {engine['version']}")
    # An outcome value this client does not know is shown as it comes, never read as a known one (docs/contract.md).
    for outcome in decision.get("outcomes", []):
        print(f"{outcome['id']} = {outcome['value']}")
        print(f"  {outcome['title']}: {outcome['explanation']}")
    return 0


def operation(document: dict, operation_id: str) -> tuple[str, str, dict]:
    """The method, full URL and request schema of the operation the document names `operation_id`."""
    server = document["servers"][0]["url"]
    for path, item in document["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                schema = op["requestBody"]["content"]["application/json"]["schema"]
                return method.upper(), server + path, resolve(document, schema)
    raise SystemExit(f"the OpenAPI document has no operation {operation_id}")


def resolve(document: dict, schema: dict) -> dict:
    """A schema, with a $ref to #/components/schemas/... followed."""
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def schema_name(document: dict, schema: dict) -> str:
    return next((name for name, s in document["components"]["schemas"].items() if s is schema), "request")


def call(context: ssl.SSLContext, method: str, url: str, body=None, headers=None) -> tuple[int, dict, str]:
    """Status, JSON body and API-Version header of one request; an HTTP error's problem details are a body too."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as response:
            return response.status, json.load(response), response.headers.get("API-Version", "")
    except urllib.error.HTTPError as error:
        return error.code, json.load(error), error.headers.get("API-Version", "")


if __name__ == "__main__":
    sys.exit(main())
