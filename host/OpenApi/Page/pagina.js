// Renders /v1/openapi.json as a page a person can read: each operation with its route, scope, parameters, body and
// answers. Plain DOM, no libraries, no inline script (the page's Content-Security-Policy allows only this file).
"use strict";

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return schemaName(schema.items) + "[]";
  return schema.format ? `${schema.type} (${schema.format})` : schema.type;
}

function operation(path, method, op) {
  const section = element("section");
  const title = element("h3");
  title.append(element("span", method.toUpperCase(), "methode"), " ", element("code", "/v1" + path));
  section.append(title, element("p", op.summary));
  if (op.description && op.description !== op.summary) section.append(element("p", op.description));
  if (op.parameters && op.parameters.length > 0) {
    const table = element("table");
    table.append(row("th", ["parameter", "in", "type", "betekenis"]));
    for (const p of op.parameters) table.append(row("td", [p.name + (p.required ? " (verplicht)" : ""), p.in, schemaName(p.schema), p.description]));
    section.append(table);
  }
  if (op.requestBody) section.append(element("p", "Body (application/json): " + schemaName(op.requestBody.content["application/json"].schema)));
  const answers = element("table");
  answers.append(row("th", ["status", "betekenis", "inhoud"]));
  for (const [status, response] of Object.entries(op.responses)) {
    const [type, content] = Object.entries(response.content || {})[0] || ["", {}];
    answers.append(row("td", [status, response.description, type ? `${type}: ${schemaName(content.schema)}` : ""]));
  }
  section.append(answers);
  return section;
}

function row(cell, values) {
  const tr = element("tr");
  for (const value of values) tr.append(element(cell, value ?? ""));
  return tr;
}

async function show() {
  const main = document.getElementById("inhoud");
  try {
    const response = await fetch("/v1/openapi.json", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const document_ = await response.json();
    main.replaceChildren(element("p", document_.info.description), element("p", `Versie ${document_.info.version}; contact: ${document_.info.contact.name}, ${document_.info.contact.email}.`));
    for (const tag of document_.tags) {
      main.append(element("h2", tag.name), element("p", tag.description));
      for (const [path, item] of Object.entries(document_.paths))
        for (const [method, op] of Object.entries(item))
          if (op.tags.includes(tag.name)) main.append(operation(path, method, op));
    }
  } catch (error) {
    main.replaceChildren(element("p", "De beschrijving kon niet worden geladen: " + error.message, "fout"));
  }
}

show();
