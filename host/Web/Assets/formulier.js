// A typed value means the fact is known: untick its "onbekend" box, so that the person need not do it by hand.
// Without this script the form works the same; the page then asks to choose when both are given.
document.addEventListener("input", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement) || field.type !== "text" || field.value === "") return;
  const unknown = document.getElementById(field.id + "-onbekend");
  if (unknown instanceof HTMLInputElement) unknown.checked = false;
});
