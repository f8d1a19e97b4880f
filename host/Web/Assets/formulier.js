// A typed value means the fact is known: untick its "onbekend" box, so that the person need not do it by hand.
// Without this script the form works the same; the page then asks to choose when both are given.
document.addEventListener("input", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement) || field.type !== "text" || field.value === "") return;
  const unknown = document.getElementById(field.id + "-onbekend");
  if (unknown instanceof HTMLInputElement) unknown.checked = false;
});

// An event shows only the details that belong to its kind (the page does the same when it comes back, so the form works
// without this script). A detail with a value stays in sight: nothing typed is hidden away.
const showDetails = (kind) => {
  const row = kind.closest("fieldset");
  // Razor writes data- attributes even when empty: the type and date of an event carry an empty list, and always show.
  for (const detail of row.querySelectorAll(".veld[data-soorten]:not([data-soorten=''])")) {
    const input = detail.querySelector("input, select");
    detail.hidden = input.value === "" && !detail.dataset.soorten.split(" ").includes(kind.value);
  }
};
const kinds = () => document.querySelectorAll("#groep-geschiedenis select[id$='-type']");
document.addEventListener("change", (event) => {
  if ([...kinds()].includes(event.target)) showDetails(event.target);
});
kinds().forEach(showDetails);

// "Gebeurtenis toevoegen" adds the row in place, from the page's template of an empty row (numbered past the last row a
// form can hold, renumbered here as the next row), and puts the focus on its kind: no page load, no scrolling back.
// Without this script the button posts the form and the page comes back with the new row focused.
const template = document.getElementById("nieuwe-gebeurtenis");
if (template instanceof HTMLTemplateElement) {
  const add = document.querySelector("button[value='gebeurtenis-toevoegen']");
  const count = document.querySelector("input[name='event_count']");
  add.addEventListener("click", (event) => {
    const index = Number(count.value);
    const placeholder = Number(template.dataset.rij);
    if (!(index < placeholder)) return; // the list is full: the page says so when posted
    event.preventDefault();
    const row = template.innerHTML
      .replaceAll(`events[${placeholder}]`, `events[${index}]`)
      .replaceAll(`veld-events-${placeholder}-`, `veld-events-${index}-`)
      .replaceAll(`gebeurtenis-verwijderen-${placeholder}`, `gebeurtenis-verwijderen-${index}`)
      .replaceAll(`Gebeurtenis ${placeholder + 1}`, `Gebeurtenis ${index + 1}`);
    add.insertAdjacentHTML("beforebegin", row);
    count.value = String(index + 1);
    const kind = document.getElementById(`veld-events-${index}-type`);
    showDetails(kind);
    kind.focus();
  });
}
