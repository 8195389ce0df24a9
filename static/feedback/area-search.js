// The ward list narrowed as you type: the select keeps only the wards (and whole boroughs) whose name,
// or whose borough's name, holds what was typed. Without JavaScript the full list is there to choose from.
(function () {
  const box = document.querySelector("[data-area-search]");
  const select = document.getElementById("id_area");
  if (!box || !select) return;
  const input = box.querySelector("input");
  const status = box.querySelector("[aria-live]");
  const placeholder = select.options[0].cloneNode(true);
  const groups = [...select.querySelectorAll("optgroup")].map((group) => ({
    label: group.label,
    options: [...group.querySelectorAll("option")].map((option) => option.cloneNode(true)),
  }));
  const fold = (text) => text.toLocaleLowerCase("en-GB").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  box.hidden = false;

  function narrow() {
    const wanted = fold(input.value.trim());
    const chosen = select.value;
    select.replaceChildren(placeholder.cloneNode(true));
    let matches = 0;
    let first = null;
    for (const group of groups) {
      const whole = wanted && fold(group.label).includes(wanted);
      const kept = group.options.filter((option) => !wanted || whole || fold(option.text).includes(wanted));
      if (!kept.length) continue;
      const element = document.createElement("optgroup");
      element.label = group.label;
      kept.forEach((option) => element.append(option.cloneNode(true)));
      select.append(element);
      matches += kept.length;
      first = first || kept[0].value;
    }
    const stillThere = [...select.options].some((option) => option.value === chosen && chosen);
    select.value = stillThere ? chosen : wanted && first ? first : "";
    status.textContent = wanted
      ? matches
        ? `${matches} match${matches === 1 ? "" : "es"}: choose from the list below.`
        : "No ward or borough matches. Try fewer letters."
      : "";
  }

  input.addEventListener("input", narrow);
})();
