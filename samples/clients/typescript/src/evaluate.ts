// Evaluate one case with EligibilityEngine's JSON API (POST /v1/beoordelingen), over mutual TLS with a bearer token.
// The request and response types come from the host's own OpenAPI document (npm run generate), so this file does not
// compile against a contract it does not match.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Agent, fetch } from "undici";
import type { operations } from "./eligibility.js";

type Evaluate = operations["evaluate"];
type EvaluateRequest = Evaluate["requestBody"]["content"]["application/json"];
type EvaluateResponse = Evaluate["responses"][200]["content"]["application/json"];
type InvalidInput = Evaluate["responses"][400]["content"]["application/problem+json"];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ca: { type: "string" },
    certificate: { type: "string" },
    key: { type: "string" },
    "token-file": { type: "string" },
    request: { type: "string" },
  },
});
const [base] = positionals;
if (!base || !values.request) {
  console.error("usage: node dist/evaluate.js <https://host:port> --request FILE [--ca FILE] [--certificate FILE --key FILE] [--token-file FILE]");
  process.exit(2);
}

// Node's built-in fetch cannot present a client certificate; undici's Agent (the same fetch) can.
const dispatcher = new Agent({
  connect: {
    ca: values.ca ? readFileSync(values.ca) : undefined,
    cert: values.certificate ? readFileSync(values.certificate) : undefined,
    key: values.key ? readFileSync(values.key) : undefined,
  },
});
const request: EvaluateRequest = JSON.parse(readFileSync(values.request, "utf8"));
const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
if (values["token-file"]) headers.authorization = `Bearer ${readFileSync(values["token-file"], "utf8").trim()}`;

const response = await fetch(new URL("/v1/beoordelingen", base), { method: "POST", headers, body: JSON.stringify(request), dispatcher });
if (!response.ok) {
  // Every error is problem details (RFC 9457); a 400 names every bad field.
  const problem = (await response.json()) as InvalidInput;
  console.error(`${response.status} ${problem.title}: ${problem.detail}`);
  for (const p of problem.invalidParams ?? []) console.error(`  ${p.name} (${p.code}): ${p.reason}`);
  process.exit(1);
}

const { decision } = (await response.json()) as EvaluateResponse;
console.log(`Beslissing ${decision?.decisionId}, API-Version ${response.headers.get("api-version")}`);
console.log(`Regels: ${decision?.ruleSet?.id} versie ${decision?.ruleSet?.version}, sha256 ${decision?.ruleSet?.contentHash?.slice(0, 12)}`);
console.log(`Rekenregels uitgevoerd met: ${decision?.engine?.name} ${decision?.engine?.version}`);
// An outcome value this client does not know is shown as it comes, never read as a known one (docs/contract.md).
for (const outcome of decision?.outcomes ?? []) {
  console.log(`${outcome.id} = ${outcome.value}`);
  console.log(`  ${outcome.title}: ${outcome.explanation}`);
}
