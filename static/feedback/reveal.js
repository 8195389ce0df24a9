// A radio's follow-up question shown only while the radio is chosen (GOV.UK's conditional reveal, without
// the aria-expanded that GOV.UK Frontend puts on the radio: ARIA does not allow it on a radio, and the
// question follows its radio in the reading order anyway).
(function () {
  const radios = [...document.querySelectorAll("input[type=radio][data-reveals]")];
  function sync() {
    radios.forEach((radio) => {
      const target = document.getElementById(radio.dataset.reveals);
      if (target) target.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
    });
  }
  radios.forEach((radio) => radio.addEventListener("change", sync));
  sync();
})();
