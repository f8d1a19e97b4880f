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
